using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Hosting;

namespace Workflow.Gateway.Tests;

/// <summary>Builds the real gateway (its Program) with the fixture's settings and the test-only additions.</summary>
internal sealed class GatewayFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Settings reach Program as command-line arguments, so they are seen while services are registered.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            // Only until the grains work registers the real clock.
            services.TryAddSingleton<IDevClockControl, TestDevClock>();
            services.AddTransient<IStartupFilter, FallThroughTestRoutes>();
            StopHostOnFatalError.ReplaceIn(services);
            configureServices?.Invoke(services);
        });
    }
}
