using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite;

/// <summary>
/// A state delta as its column holds it: JSON text, or, from <see cref="CompressFromBytes"/> on, a BLOB of its UTF-8
/// length (int32, big-endian) then the zlib bytes. A step's delta (some 500 bytes: its key names and timestamps repeat)
/// compresses to about half, and the history row is what every act writes.
/// SQLite's columns take either; the hash chain covers the text, so how it is kept does not matter to it.
/// </summary>
internal static class DeltaColumn
{
    /// <summary>Below this a delta is kept as text: zlib's header and the int32 would eat what it saves.</summary>
    public const int CompressFromBytes = 256;

    public static object? Pack(string? delta)
    {
        if (delta is null || delta.Length * 3 < CompressFromBytes)
        {
            return delta;
        }

        var utf8 = Encoding.UTF8.GetBytes(delta);
        if (utf8.Length < CompressFromBytes)
        {
            return delta;
        }

        using var output = new MemoryStream(utf8.Length / 3);
        output.Write(stackalloc byte[4]);
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(utf8);
        }

        var packed = output.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(packed, utf8.Length);
        return packed.Length < utf8.Length ? packed : delta;
    }

    public static string? Read(SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        if (reader.GetFieldType(ordinal) == typeof(string))
        {
            return reader.GetString(ordinal);
        }

        var packed = (byte[])reader.GetValue(ordinal);
        var utf8 = new byte[BinaryPrimitives.ReadInt32BigEndian(packed)];
        using var input = new ZLibStream(new MemoryStream(packed, 4, packed.Length - 4), CompressionMode.Decompress);
        input.ReadExactly(utf8);
        return Encoding.UTF8.GetString(utf8);
    }
}
