using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Workflow.ServiceDefaults;


namespace Workflow.Gateway;

/// <summary>
/// Renames an identity provider's claims to LandFlow's (<see cref="ExternalClaimNames"/>), so everything after
/// authentication (<see cref="Caller"/>, role policies) reads one set of names whichever provider signed.
/// </summary>
public static class ExternalClaimMapping
{
    public static bool TryMap(
        ClaimsIdentity source,
        ExternalClaimNames names,
        [NotNullWhen(true)] out ClaimsIdentity? mapped,
        [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(names);
        mapped = null;
        var pairs = names.Pairs();
        var ours = pairs.Select(pair => pair.LandFlow).ToHashSet(StringComparer.Ordinal);

        // The rest as it came (exp among them, which an administrator's session reads). A provider's claim that
        // merely shares one of our names is dropped: only the configured claim may speak for ours.
        var claims = source.Claims.Where(claim => !ours.Contains(claim.Type)).ToList();
        foreach (var (landFlow, provider) in pairs)
        {
            var values = source.FindAll(provider)
                .Select(claim => claim.Value)
                .Where(value => !string.IsNullOrWhiteSpace(value))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (landFlow == LandFlowClaimTypes.Role)
            {
                // Providers list every role of every application; only LandFlow's own names count here.
                values = [.. values.Where(Roles.All.Contains)];
            }

            if (values.Count > 1)
            {
                problem = landFlow == LandFlowClaimTypes.Role
                    ? $"it carries several LandFlow roles in claim '{provider}' ({string.Join(", ", values)}); a user acts in one role"
                    : $"its claim '{provider}' (LandFlow's '{landFlow}') has several values";
                return false;
            }

            if (values.Count == 1)
            {
                claims.Add(new Claim(landFlow, values[0]));
            }
        }

        if (!claims.Any(claim => claim.Type == LandFlowClaimTypes.Subject))
        {
            problem = $"it has no claim '{names.Subject}' naming the user";
            return false;
        }

        if (!claims.Any(claim => claim.Type == LandFlowClaimTypes.Role))
        {
            problem = $"its claim '{names.Role}' holds none of LandFlow's roles ({string.Join(", ", Roles.All)})";
            return false;
        }

        mapped = new ClaimsIdentity(claims, source.AuthenticationType, LandFlowClaimTypes.Name, LandFlowClaimTypes.Role);
        problem = null;
        return true;
    }
}
