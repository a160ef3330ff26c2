using System.IO.Compression;
using System.Text;

namespace Workflow.Storage.Sqlite;

/// <summary>
/// A stream's state as the <c>streams</c> row holds it: small states as text, larger ones zlib-compressed
/// (a project's state is about 8 KB of JSON and compresses to about 1.6 KB). Packing runs on the committing
/// caller's thread, before the request is queued, so the single writer only copies the smaller bytes.
/// The zlib format with the byte count is what the sqlite3 shell's <c>sqlar_uncompress(state_zlib, state_bytes)</c> reads.
/// </summary>
internal sealed class PackedState
{
    /// <summary>Below this many bytes a state fits a page comfortably and compressing it is not worth the time.</summary>
    public const int CompressFromBytes = 1024;

    private PackedState(string text, byte[]? zlib, int? bytes)
    {
        Text = text;
        Zlib = zlib;
        Bytes = bytes;
    }

    /// <summary>The state, or empty when <see cref="Zlib"/> holds it.</summary>
    public string Text { get; }

    public byte[]? Zlib { get; }

    /// <summary>UTF-8 length of the state when compressed.</summary>
    public int? Bytes { get; }

    /// <param name="compressFromBytes">Below this many UTF-8 bytes the text is kept as it is.</param>
    public static PackedState Pack(string stateJson, int compressFromBytes = CompressFromBytes)
    {
        // A small state is kept as text whatever its exact UTF-8 length: at most 3 bytes per char, so
        // only a string that could reach the threshold is encoded (once, for both the test and the compression).
        if (stateJson.Length * 3 < compressFromBytes)
        {
            return new PackedState(stateJson, null, null);
        }

        var utf8 = Encoding.UTF8.GetBytes(stateJson);
        var utf8Length = utf8.Length;
        if (utf8Length < compressFromBytes)
        {
            return new PackedState(stateJson, null, null);
        }

        using var output = new MemoryStream(utf8Length / 3);
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(utf8);
        }

        return output.Length < utf8Length
            ? new PackedState("", output.ToArray(), utf8Length)
            : new PackedState(stateJson, null, null);
    }

    public static string Unpack(string text, byte[]? zlib, int bytes)
    {
        if (zlib is null)
        {
            return text;
        }

        var utf8 = new byte[bytes];
        using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        input.ReadExactly(utf8);
        return Encoding.UTF8.GetString(utf8);
    }
}
