using System.Text.RegularExpressions;

namespace Workflow.Gateway.Tests;

public sealed class ContentRootTests
{
    [Fact]
    public async Task GatewayDll_StartedFromAnotherDirectory_ReadsItsAppSettingsAndKeepsDataInTheWorkingDirectory()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("landflow-cwd-").FullName;
        var httpPort = FreePorts.Next();
        try
        {
            await using (var gateway = await GatewayProcess.StartAsync(
                dataDirectory: null, httpPort, FreePorts.Next(), FreePorts.Next(), workingDirectory))
            {
                // The app's appsettings.json turns on single-line console logs; without it this message
                // would be split over two lines ("info: ...[14]" and "      Now listening on: ...").
                var listening = new Regex($@"^info: Microsoft\.Hosting\.Lifetime\[\d+\] Now listening on: http://127\.0\.0\.1:{httpPort}$");
                var line = await gateway.WaitForOutputAsync(listening.IsMatch, TimeSpan.FromSeconds(30));

                Assert.Matches(listening, line);
            }

            // The relative default (.landflow) is taken from where the process was started.
            Assert.True(File.Exists(Path.Combine(workingDirectory, ".landflow", "landflow.db")), "no store under the working directory");
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }
}
