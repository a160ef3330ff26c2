using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Workflow.Hosting;

namespace Workflow.Gateway;

/// <summary>
/// In embedded mode, says plainly once the gateway listens: where, where the API page is, and which demo
/// users exist with how to get a token for one. Also creates the dev signing key before the first request.
/// </summary>
public sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    IOptions<LandFlowOptions> options,
    IServiceProvider services,
    ILogger<StartupBanner> logger) : IHostedService
{
    private static readonly Dictionary<string, string> CountyNames = new(StringComparer.Ordinal)
    {
        ["330502"] = "吴兴区",
        ["330503"] = "南浔区",
        ["330521"] = "德清县",
        ["330522"] = "长兴县",
        ["330523"] = "安吉县",
    };

    private const int ClaimsColumnWidth = 56;

    private CancellationTokenRegistration _started;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsEmbedded)
        {
            return Task.CompletedTask;
        }

        var key = services.GetRequiredService<JwtSigningKey>();
        _started = lifetime.ApplicationStarted.Register(() => Print(key));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _started.Dispose();
        return Task.CompletedTask;
    }

    private void Print(JwtSigningKey key)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
        var text = Compose(addresses, key, services.GetService<IUserDirectory>(), options.Value.DevEndpointsEnabled, options.Value.Dashboard.Enabled);
        // The banner goes to the console once, plainly; the log gets one line a collector can index.
        LogListening(logger, string.Join(", ", addresses));
        Console.WriteLine(text);
    }

    internal static string Compose(IReadOnlyList<string> addresses, JwtSigningKey key, IUserDirectory? users, bool devEndpoints, bool dashboard)
    {
        var baseUrl = Browsable(addresses.FirstOrDefault(a => a.StartsWith("http:", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault() ?? GatewayServices.DefaultUrl);
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("LandFlow gateway, embedded mode");
        text.AppendLine($"  Listening on:  {string.Join(", ", addresses)}");
        text.AppendLine($"  API page:      {baseUrl}{ApiDocs.PagePath}   (OpenAPI document: {baseUrl}{ApiDocs.DocumentPath})");
        if (dashboard)
        {
            text.AppendLine($"  Dashboard:     {baseUrl}{AdminSession.SignInPath}   (Orleans dashboard: sign in with the admin user's token)");
        }

        text.AppendLine($"  Signing key:   {key.Origin}");
        if (!devEndpoints || users is null)
        {
            text.AppendLine("  Development endpoints are off (LandFlow:DevEndpoints=false): no demo tokens.");
            return text.ToString();
        }

        text.AppendLine("  Demo users. Get a token for one with");
        text.AppendLine($"    curl -s -X POST {baseUrl}/api/dev/token -H 'Content-Type: application/json' -d '{{\"user\":\"ent-rail\"}}'");
        text.AppendLine($"  and send it as 'Authorization: Bearer <token>', e.g. curl -H \"Authorization: Bearer $TOKEN\" {baseUrl}/api/me");
        text.AppendLine();
        text.AppendLine($"    {"id",-18} {"role",-11} {PadToWidth("claims", ClaimsColumnWidth)} name");
        foreach (var user in users.All)
        {
            text.AppendLine($"    {user.Id,-18} {user.Role,-11} {PadToWidth(ClaimsOf(user), ClaimsColumnWidth)} {user.Name}");
        }

        return text.ToString();
    }

    private static string ClaimsOf(DemoUser user)
    {
        var claims = new List<string>();
        if (user.Uscc is not null)
        {
            claims.Add($"uscc={user.Uscc}");
        }

        if (user.Department is not null)
        {
            claims.Add($"department={user.Department}");
        }

        if (user.County is not null)
        {
            claims.Add($"county={user.County}");
        }
        else if (user.Role is Roles.Officer or Roles.Liaison)
        {
            claims.Add("(all counties)");
        }

        var text = string.Join(' ', claims);
        return user.County is not null && CountyNames.TryGetValue(user.County, out var county) ? $"{text} ({county})" : text;
    }

    // Chinese characters take two terminal columns; string padding counts them as one.
    private static string PadToWidth(string text, int width)
    {
        var shown = text.Sum(c => c >= '\u1100' ? 2 : 1);
        return shown >= width ? text : text + new string(' ', width - shown);
    }

    // A wildcard bind address cannot be typed into a browser.
    private static string Browsable(string address) => address
        .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
        .Replace("://[::]", "://localhost", StringComparison.Ordinal)
        .Replace("://+", "://localhost", StringComparison.Ordinal)
        .Replace("://*", "://localhost", StringComparison.Ordinal)
        .TrimEnd('/');

    [LoggerMessage(Level = LogLevel.Information, Message = "LandFlow gateway listening on {Addresses}")]
    private static partial void LogListening(ILogger logger, string addresses);
}
