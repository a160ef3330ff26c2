using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Workflow.Contracts;

namespace Workflow.Gateway.Tests;

public sealed class GatewayExceptionHandlerTests
{
    [Fact]
    public async Task Failover_WriteTimedOut_SaysNoAnswerNotALostSilo()
    {
        var (status, applied, detail) = await AnswerAsync(new GrainUnavailableException(GrainCallKind.Write, GrainFailure.OutcomeUnknown, 1, new TimeoutException("no answer")));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("unknown", applied);
        Assert.StartsWith("The request got no answer within the call timeout", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failover_SiloDiedWithTheWriteInFlight_SaysTheSiloWasLost()
    {
        var broken = new SiloUnavailableException("The target silo became unavailable for message: Request [S1 G1]->[S2 G2]. ");

        var (status, applied, detail) = await AnswerAsync(new GrainUnavailableException(GrainCallKind.Write, GrainFailure.OutcomeUnknown, 1, broken));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("unknown", applied);
        Assert.StartsWith("A silo was lost while this request was in flight", detail, StringComparison.Ordinal);
    }

    private static async Task<(int Status, string? Applied, string? Detail)> AnswerAsync(Exception exception)
    {
        var handler = new GatewayExceptionHandler(NullLogger<GatewayExceptionHandler>.Instance, Options.Create(new GrainCallOptions()));
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Method = "POST";
        context.Request.Path = "/api/projects/X/steps/approval/complete";
        context.Response.Body = new MemoryStream();

        Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));

        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        var root = problem.RootElement;
        return (context.Response.StatusCode, root.GetProperty("applied").GetString(), root.GetProperty("detail").GetString());
    }
}
