using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace Workflow.Clustering.Postgres.Tests;

/// <summary>
/// The test assembly doubles as a silo executable: <c>dotnet exec Workflow.Clustering.Postgres.Tests.dll silo
/// CLUSTER SILO_PORT GATEWAY_PORT</c>, connection string in <see cref="SiloProcess.ConnectionVariable"/>. A silo
/// in a process of its own is one the test can lose the way production does, with SIGKILL.
/// (The test runner loads this assembly as a library and never calls Main.)
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["silo", var clusterId, var siloPort, var gatewayPort])
        {
            await Console.Error.WriteLineAsync("usage: silo CLUSTER_ID SILO_PORT GATEWAY_PORT");
            return 2;
        }

        var connectionString = Environment.GetEnvironmentVariable(SiloProcess.ConnectionVariable)
            ?? throw new InvalidOperationException($"{SiloProcess.ConnectionVariable} is not set.");
        using var host = ClusterHosts.Silo(
            connectionString,
            clusterId,
            int.Parse(siloPort, CultureInfo.InvariantCulture),
            int.Parse(gatewayPort, CultureInfo.InvariantCulture),
            new StandardErrorLoggerProvider());
        await host.StartAsync();
        await Console.Out.WriteLineAsync(SiloProcess.ReadyLine);
        await Console.Out.FlushAsync();

        // The parent closes (or loses) our stdin when it is done: leave then, rather than linger as an orphan.
        await Console.In.ReadToEndAsync();
        await host.StopAsync(TimeSpan.FromSeconds(5));
        return 0;
    }
}
