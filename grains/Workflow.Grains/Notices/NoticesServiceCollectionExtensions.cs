using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;
using Workflow.Projections;

namespace Workflow.Grains;

public static class NoticesServiceCollectionExtensions
{
    /// <summary>The notices projection, the silo's watcher that wakes waiting inboxes, and the projection's nudge.</summary>
    public static IServiceCollection AddLandFlowNotices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<NoticeOptions>(configuration.GetSection("LandFlow:Notices"));
        services.AddProjection<NoticesProjection>();
        services.AddSingleton<NoticeWatcher>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<NoticeWatcher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProjectionListener, NoticesListener>());
        return services;
    }
}
