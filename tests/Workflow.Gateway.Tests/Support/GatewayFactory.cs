using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Workflow.Gateway.Tests;

// WebApplicationFactory finds the entry point through any public type of the host's assembly; both hosts generate a
// public Program, so the embedded host is named by one of its own types.
using EmbeddedHostAssembly = Workflow.Embedded.DevEndpoints;

/// <summary>Builds the real embedded host (its Program) with the fixture's settings and the test-only additions.</summary>
internal sealed class GatewayFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices)
    : WebApplicationFactory<EmbeddedHostAssembly>
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
