using System.Security.Cryptography;

namespace Workflow.Gateway;

/// <summary>
/// The embedded-mode signing key, kept in a file so tokens outlive a restart. Created once, readable by the
/// owner only, and never silently replaced: a damaged file is an error, not a reason to log everyone out.
/// </summary>
public static class DevSigningKeyFile
{
    public static byte[] LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            TryCreate(path);
        }

        var text = File.ReadAllText(path);
        if (!JwtSigningKey.TryDecode(text, out var key, out var problem))
        {
            throw new InvalidOperationException(
                $"The development signing key file '{path}' {problem} Delete it to have a new one generated (tokens issued before stop working).");
        }

        return key;
    }

    private static void TryCreate(string path)
    {
        var key = RandomNumberGenerator.GetBytes(LandFlowAuthOptions.MinimumKeyBytes);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        try
        {
            // Written aside and moved in whole, so a reader never sees half a key; a concurrent
            // creator that got there first wins and this attempt is dropped.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
