using Microsoft.Extensions.Options;
using Workflow.ServiceDefaults;

namespace Workflow.Gateway;

/// <summary>Fails start-up, with a message saying what to set, when the signing key is missing or unusable.</summary>
public sealed class LandFlowAuthOptionsValidator(IOptions<LandFlowOptions> landFlow) : IValidateOptions<LandFlowAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, LandFlowAuthOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add($"{LandFlowAuthOptions.SectionName}:Issuer must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"{LandFlowAuthOptions.SectionName}:Audience must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            if (!landFlow.Value.IsEmbedded)
            {
                failures.Add(
                    $"{LandFlowAuthOptions.SectionName}:SigningKey is required in {landFlow.Value.Mode} mode: set it "
                    + $"(for example through the environment variable LandFlow__Auth__SigningKey) to a base64 key of at "
                    + $"least {LandFlowAuthOptions.MinimumKeyBytes} random bytes, e.g. the output of `openssl rand -base64 32`.");
            }
        }
        else if (JwtSigningKey.TryDecode(options.SigningKey, out _, out var problem) is false)
        {
            failures.Add($"{LandFlowAuthOptions.SectionName}:SigningKey {problem}");
        }

        if (options.TokenLifetime <= TimeSpan.Zero || options.TokenLifetime > LandFlowAuthOptions.MaxTokenLifetime)
        {
            failures.Add(
                $"{LandFlowAuthOptions.SectionName}:TokenLifetime is {options.TokenLifetime}; it must be more than zero and at most "
                + $"{LandFlowAuthOptions.MaxTokenLifetime} (tokens live minutes: a client asks for a new one).");
        }

        IdentityProviderOptionsValidation.Check(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
