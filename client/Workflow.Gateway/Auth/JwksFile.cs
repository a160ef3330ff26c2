using Microsoft.IdentityModel.Tokens;

namespace Workflow.Gateway;

/// <summary>
/// An identity provider's public keys from a JSON Web Key Set file (for example a mounted ConfigMap). Read at
/// start; a new key needs a restart. Symmetric (<c>oct</c>) keys are refused: a key anyone holding the file
/// could sign with has no place in a set of public keys.
/// </summary>
public static class JwksFile
{
    public static IReadOnlyList<SecurityKey> Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{LandFlowAuthOptions.SectionName}:JwksFile '{path}' cannot be read: {error.Message}", error);
        }

        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json);
        }
        catch (Exception error) when (error is ArgumentException or System.Text.Json.JsonException)
        {
            throw new InvalidOperationException($"{LandFlowAuthOptions.SectionName}:JwksFile '{path}' is not a JSON Web Key Set: {error.Message}", error);
        }

        if (set.Keys.Any(key => key.Kty == JsonWebAlgorithmsKeyTypes.Octet))
        {
            throw new InvalidOperationException(
                $"{LandFlowAuthOptions.SectionName}:JwksFile '{path}' holds a symmetric ('oct') key; it must hold only the provider's public RSA or EC keys.");
        }

        var keys = set.GetSigningKeys();
        if (keys.Count == 0)
        {
            throw new InvalidOperationException($"{LandFlowAuthOptions.SectionName}:JwksFile '{path}' holds no RSA or EC signing key.");
        }

        return [.. keys];
    }
}
