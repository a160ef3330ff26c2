using System.Buffers.Binary;
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
        if (delta is null)
        {
            return null;
        }

        // The same zlib form as a snapshot's (PackedState), with its length in front: one column holds both.
        var packed = PackedState.Pack(delta, CompressFromBytes);
        if (packed.Zlib is not { } zlib)
        {
            return delta;
        }

        var blob = new byte[4 + zlib.Length];
        BinaryPrimitives.WriteInt32BigEndian(blob, packed.Bytes!.Value);
        zlib.CopyTo(blob, 4);
        return blob;
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

        var blob = (byte[])reader.GetValue(ordinal);
        return PackedState.Unpack("", blob[4..], BinaryPrimitives.ReadInt32BigEndian(blob));
    }
}
