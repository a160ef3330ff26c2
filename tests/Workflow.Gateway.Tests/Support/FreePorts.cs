using System.Net;
using System.Net.Sockets;

namespace Workflow.Gateway.Tests;

/// <summary>Loopback ports nobody is listening on, so parallel test hosts never share a silo port.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
