using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Workflow.Domain;
using Workflow.Projections;

namespace Workflow.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>What the grains need on a silo: the workflow environment (calendar, templates,
    /// rules), metrics and the deadline scheduler. Storage is registered separately.</summary>
    public static IServiceCollection AddLandFlowGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddKeyedSingleton(WorkflowClock.Key, TimeProvider.System);

        // Real time, for waits (long polls) that are the caller's and must not follow a movable workflow clock.
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<LandFlowMetrics>();
        services.Configure<WorkflowRules>(configuration.GetSection("LandFlow:Rules"));
        services.Configure<DeadlineSchedulerOptions>(configuration.GetSection("LandFlow:Deadlines"));
        services.TryAddSingleton(sp =>
        {
            var calendarDirectory = configuration["LandFlow:CalendarDirectory"];
            var calendar = CalendarGapLog.Attach(
                string.IsNullOrWhiteSpace(calendarDirectory) ? WorkingCalendar.Shipped() : WorkingCalendar.Load(calendarDirectory),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkingCalendar).FullName!));
            var rules = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WorkflowRules>>().Value;
            return new WorkflowEnvironment(calendar, TemplateCatalog.Embedded(), rules, FarmlandBalanceRuleBook.Standard);
        });
        services.Configure<ForecastOptions>(configuration.GetSection("LandFlow:Forecast"));
        // Until a read model of completed step visits is registered, every step forecasts from its prior.
        // Forecasts draw on the analytics read model's dwell histograms (completed visits, whole working days).
        services.TryAddSingleton<IDwellSampleSource>(sp => new AnalyticsDwellSamples(
            sp.GetRequiredService<Workflow.Storage.IReadModelDatabase>(), sp.GetRequiredKeyedService<TimeProvider>(WorkflowClock.Key)));
        services.AddSingleton<DwellSampleCache>();
        services.AddSingleton<ProjectForecasts>();
        services.TryAddSingleton<IStaffRoster>(_ => new ConfiguredStaffRoster(configuration[ConfiguredStaffRoster.LiaisonsSetting]));
        services.AddSingleton<IIncomingGrainCallFilter, GrainFaultFilter>();
        services.AddSingleton<DeadlineScheduler>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DeadlineScheduler>());
        services.Configure<ProjectionOptions>(configuration.GetSection("LandFlow:Projections"));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ProjectionKeeper>();
        services.AddProjection<AnalyticsProjection>();
        services.AddProjection<LandProblemsProjection>();
        services.AddLandFlowNotices(configuration);
        services.Configure<BulletinOptions>(configuration.GetSection("LandFlow:Bulletin"));
        return services;
    }
}
