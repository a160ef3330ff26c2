using System.Net;
using System.Text;

namespace Workflow.Gateway.Tests;

public sealed class ProblemDetailsTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    // Just over the limit: a body many times larger can still be on its way when Kestrel answers 413 and closes the
    // connection, and the client then sees a reset instead of the answer.
    private const int OverTheLimit = (int)GatewayServices.MaxRequestBodyBytes + 4096;

    [Theory]
    [InlineData("/no/such/page")]
    [InlineData("/api/dev/nothing-here")]
    public async Task UnknownRoute_Anonymous_Returns404Problem(string path)
    {
        using var response = await gateway.AnonymousClient.GetAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnknownApiRoute_Authenticated_Returns404Problem()
    {
        var client = await gateway.ClientForAsync("admin");

        using var response = await client.GetAsync("/api/no-such-thing");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongMethod_Returns405ProblemWithAllow()
    {
        using var response = await gateway.AnonymousClient.DeleteAsync("/api/dev/users");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Body_OverTheLimitWithContentLength_Returns413ProblemNamingTheLimit()
    {
        using var content = new StringContent(LargeJson(), Encoding.UTF8, "application/json");

        using var response = await gateway.AnonymousClient.PostAsync("/api/dev/token", content);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("65,536", ProblemAssert.Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_OverTheLimitChunked_Returns413Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dev/token")
        {
            Content = new StringContent(LargeJson(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TransferEncodingChunked = true;

        using var response = await gateway.AnonymousClient.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Forbidden_Returns403Problem()
    {
        var client = await gateway.ClientForAsync("ent-rail");

        using var response = await client.GetAsync(FallThroughTestRoutes.ForbidPath);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task UnhandledException_Returns500ProblemWithoutStackTrace()
    {
        using var response = await gateway.AnonymousClient.GetAsync(FallThroughTestRoutes.ThrowPath);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(FallThroughTestRoutes.SecretMessage, text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }

    // A valid JSON start, so the body is read past the limit rather than refused at its first byte.
    private static string LargeJson() => "{\"user\": \"" + new string('a', OverTheLimit) + "\"}";
}
