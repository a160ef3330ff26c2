using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Workflow.Projections;

public static class ProjectionServiceCollectionExtensions
{
    /// <summary>Registers a projection, once, as an <see cref="IProjection"/>; silos run every registered projection and the
    /// rebuild command finds them by name.</summary>
    public static IServiceCollection AddProjection<T>(this IServiceCollection services)
        where T : class, IProjection
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProjection, T>());
        return services;
    }
}
