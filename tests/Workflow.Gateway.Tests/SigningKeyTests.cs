using System.Net;

namespace Workflow.Gateway.Tests;

public sealed class SigningKeyTests
{
    [Fact]
    public async Task DevSigningKey_Embedded_CreatedOnceOwnerOnlyAndReusedAcrossRestart()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        var keyFile = Path.Combine(gateway.DataDirectory, "dev-signing-key");
        var token = await gateway.TokenForAsync("ent-park");
        var keyBefore = await File.ReadAllTextAsync(keyFile);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        await gateway.RestartAsync();
        using var response = await gateway.CreateClient(token).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(keyBefore, await File.ReadAllTextAsync(keyFile));
        Assert.Single(Directory.GetFiles(gateway.DataDirectory, "dev-signing-key*"));
    }

    [Fact]
    public async Task DevSigningKey_FreshDataDirectory_OldTokenRefused()
    {
        await using var first = await GatewayFixture.StartAsync();
        var token = await first.TokenForAsync("admin");
        await using var second = await GatewayFixture.StartAsync();

        using var response = await second.CreateClient(token).GetAsync("/api/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ConfiguredSigningKey_TooShort_FailsStartWithClearMessage()
    {
        var settings = new Dictionary<string, string?> { ["LandFlow:Auth:SigningKey"] = Convert.ToBase64String(new byte[16]) };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayFixture.StartAsync(settings));

        Assert.Contains("LandFlow:Auth:SigningKey is 128 bits long", error.ToString(), StringComparison.Ordinal);
    }
}
