using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflow.Gateway.Tests;

/// <summary>The real gateway process (embedded mode), started as the README's run command starts it.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process process;

    private GatewayProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<GatewayProcess> StartAsync(string dataDirectory, int httpPort, int siloPort, int gatewayPort)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(GatewayAssembly());
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{httpPort}",
            ["LandFlow:DataDirectory"] = dataDirectory,
            ["LandFlow:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["LandFlow:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["LandFlow:Demo:Enabled"] = "false",
        })
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var gateway = new GatewayProcess(process, new Uri($"http://127.0.0.1:{httpPort}/"));
        await gateway.WaitUntilReadyAsync();
        return gateway;
    }

    public async Task<HttpClient> ClientForAsync(string user)
    {
        using var response = await Client.PostAsJsonAsync("/api/dev/token", new { user });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; only what was durable survives.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with code {process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await Client.GetAsync("/health/ready", timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>The gateway built beside this test project, in the same configuration.</summary>
    private static string GatewayAssembly()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Workflow.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root!.FullName, "client", "Workflow.Gateway", "bin", configuration, testBin.Name, "Workflow.Gateway.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first.", path);
    }
}
