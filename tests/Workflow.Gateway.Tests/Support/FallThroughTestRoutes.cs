using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Workflow.Gateway.Tests;

/// <summary>
/// Test-only paths reached when no route matched, inside the gateway's own pipeline, so its error handling
/// can be seen on failures no product route provokes on demand: an exception and a forbidden caller.
/// </summary>
internal sealed class FallThroughTestRoutes : IStartupFilter
{
    public const string ThrowPath = "/__test/throw";
    public const string ForbidPath = "/__test/forbid";
    public const string SecretMessage = "a secret the caller must never see";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Map(ThrowPath, branch => branch.Run(_ => throw new InvalidOperationException(SecretMessage)));
        app.Map(ForbidPath, branch => branch.Run(context => context.ForbidAsync()));
    };
}
