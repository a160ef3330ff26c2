using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;
using Workflow.Grains;

using Workflow.ServiceDefaults;

namespace Workflow.Demo;

public static class DemoDataServiceCollectionExtensions
{
    /// <summary>Seeds demo projects and quota pools into an empty store through the grains once the silo is active (a
    /// startup task), when <see cref="DemoOptions.Enabled"/> (by default in embedded mode only).</summary>
    public static IServiceCollection AddDemoData(this IServiceCollection services, IConfiguration configuration)
    {
        var landFlow = configuration.GetSection(LandFlowOptions.SectionName).Get<LandFlowOptions>() ?? new LandFlowOptions();
        services.AddOptions<DemoOptions>()
            .Bind(configuration.GetSection(DemoOptions.SectionName))
            .PostConfigure(o => o.Enabled ??= landFlow.IsEmbedded);
        // The demo users are who may be issued a token here, so they are the staff the grains know.
        services.Replace(ServiceDescriptor.Singleton<IStaffRoster, DemoStaffRoster>());
        services.AddSingleton<DemoDataSeeder>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DemoDataSeeder>());
        return services;
    }
}
