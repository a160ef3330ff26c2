namespace Workflow.Gateway;

/// <summary>The identity provider settings' part of start-up validation: one source of keys, HTTPS, a readable key set.</summary>
internal static class IdentityProviderOptionsValidation
{
    private const string Section = LandFlowAuthOptions.SectionName;

    public static void Check(LandFlowAuthOptions options, List<string> failures)
    {
        var hasAuthority = !string.IsNullOrWhiteSpace(options.Authority);
        var hasJwksFile = !string.IsNullOrWhiteSpace(options.JwksFile);
        if (hasAuthority && hasJwksFile)
        {
            failures.Add($"{Section}:Authority and {Section}:JwksFile are both set; set one: the provider's keys come from its discovery document or from the file.");
        }

        if (hasAuthority)
        {
            CheckAuthority(options.Authority!, failures);
        }

        if (hasJwksFile)
        {
            if (string.IsNullOrWhiteSpace(options.JwksIssuer))
            {
                failures.Add($"{Section}:JwksIssuer is required with {Section}:JwksFile: the 'iss' the provider's tokens carry.");
            }

            try
            {
                JwksFile.Load(options.JwksFile!);
            }
            catch (InvalidOperationException error)
            {
                failures.Add(error.Message);
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.JwksIssuer))
        {
            failures.Add($"{Section}:JwksIssuer is set without {Section}:JwksFile; with an authority the issuer is the one its discovery document names.");
        }

        foreach (var (landFlow, provider) in options.Claims.Pairs())
        {
            if (string.IsNullOrWhiteSpace(provider))
            {
                failures.Add($"{Section}:Claims: the provider's claim for LandFlow's '{landFlow}' must not be empty.");
            }
        }
    }

    private static void CheckAuthority(string authority, List<string> failures)
    {
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{Section}:Authority '{authority}' is not an absolute HTTPS URL (the provider's issuer, e.g. https://id.example.org/realms/landflow).");
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !IdentityProviderTokens.IsLoopback(uri))
        {
            failures.Add($"{Section}:Authority '{authority}' uses plain HTTP; the provider's keys must come over HTTPS (plain HTTP is allowed on loopback only).");
        }
    }
}
