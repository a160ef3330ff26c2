using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Workflow.Api.Contract.Tests;

/// <summary>
/// Prism's validating proxy (<c>prism proxy &lt;doc&gt; &lt;upstream&gt; --errors</c>) in front of a running host: it forwards
/// every request and answers 422 (a request) or 500 (a response) with a <c>validation</c> list when either breaks the
/// document, and names lesser violations in an <c>sl-violations</c> header.
/// </summary>
public sealed class PrismProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private PrismProxy(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What Prism printed: each violation it logged, for a failing test's message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<PrismProxy> StartAsync(string document, Uri upstream)
    {
        var port = ContractHost.FreePort();
        var info = NodeTool.StartInfo(
            "prism", RepositoryFiles.Root, "proxy", document, upstream.ToString().TrimEnd('/'), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--host", "127.0.0.1", "--errors");
        var process = Process.Start(info)!;
        var proxy = new PrismProxy(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => proxy.Append(e.Data);
        process.ErrorDataReceived += (_, e) => proxy.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Ready once it accepts connections (it reads and checks the document first).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"prism proxy exited with {process.ExitCode}:\n{proxy.Log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return proxy;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
