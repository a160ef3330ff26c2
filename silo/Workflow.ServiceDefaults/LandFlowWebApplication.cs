using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Workflow.ServiceDefaults;

/// <summary>
/// Creates the web host builder of the gateway and the silo. ASP.NET Core takes the working directory as the
/// content root, so <c>dotnet /app/Workflow.Gateway.dll</c> started from elsewhere would not find its own
/// <c>appsettings.json</c>; here the content root is the application's own directory unless the caller names
/// one (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>, or a test host's setting).
/// </summary>
public static class LandFlowWebApplication
{
    public static WebApplicationBuilder CreateBuilder(string[] args) => WebApplication.CreateBuilder(Options(args));

    public static WebApplicationOptions Options(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new WebApplicationOptions
        {
            Args = args,
            // Null leaves the choice to the host, which then honours the named content root.
            ContentRootPath = NamesContentRoot(args) ? null : AppContext.BaseDirectory,
        };
    }

    /// <summary>Whether the command line or the environment names a content root, read as the host reads it.</summary>
    private static bool NamesContentRoot(string[] args)
    {
        var named = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        return !string.IsNullOrWhiteSpace(named);
    }
}
