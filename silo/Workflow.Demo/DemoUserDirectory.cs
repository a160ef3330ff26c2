using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Workflow.Demo;

/// <summary>The directory of embedded/development mode: exactly <see cref="DemoUsers.All"/>.</summary>
public sealed class DemoUserDirectory : IUserDirectory
{
    private readonly Dictionary<string, DemoUser> _byId = DemoUsers.All.ToDictionary(user => user.Id, StringComparer.Ordinal);

    public IReadOnlyList<DemoUser> All => DemoUsers.All;

    public DemoUser? Find(string id) => _byId.GetValueOrDefault(id);
}

public static class DemoUserDirectoryExtensions
{
    /// <summary>Registers the demo directory unless a real one is already there.</summary>
    public static IServiceCollection AddDemoUserDirectory(this IServiceCollection services)
    {
        services.TryAddSingleton<IUserDirectory, DemoUserDirectory>();
        return services;
    }
}
