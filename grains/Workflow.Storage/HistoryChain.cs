using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Workflow.Storage;

/// <summary>
/// The hash chain over a stream's history. Each event row carries the hash of the one before it
/// (<c>prev_hash</c>) and its own (<c>hash</c>): SHA-256 over the previous hash followed by the event's canonical
/// encoding; the first event chains from <see cref="Genesis"/>. Both stores compute it where they append
/// events, and PostgreSQL's migration and trigger compute the very same bytes in SQL (history_link), so
/// one <see cref="HistoryChainWalk"/> verifies either.
/// </summary>
/// <remarks>
/// The encoding: stream id, seq (int64), the instant as UTC ticks (int64) and offset minutes (int16), then
/// actor, kind, step, reason, facts JSON, and the state delta when the event carries one. Integers are big-endian; each text is its UTF-8 byte length as an
/// int32 followed by the bytes, and null is the length -1. Length prefixes keep ("ab","c") and ("a","bc") apart.
/// </remarks>
public static class HistoryChain
{
    public const int HashLength = 32;

    /// <summary>What the first event of every stream chains from: SHA-256 of "landflow:history:v1".</summary>
    public static ReadOnlySpan<byte> Genesis => GenesisBytes;

    private static readonly byte[] GenesisBytes = SHA256.HashData("landflow:history:v1"u8);

    /// <summary>The hash of <paramref name="stored"/> chained from <paramref name="previous"/>.</summary>
    public static byte[] Link(ReadOnlySpan<byte> previous, string streamId, StoredEvent stored)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(stored);
        var buffer = new ArrayBufferWriterLite(256);
        buffer.Write(previous);
        buffer.WriteText(streamId);
        buffer.WriteInt64(stored.Seq);
        buffer.WriteInt64(stored.At.UtcTicks);
        buffer.WriteInt16(checked((short)stored.At.Offset.TotalMinutes));
        buffer.WriteText(stored.Actor);
        buffer.WriteText(stored.Kind);
        buffer.WriteText(stored.Step);
        buffer.WriteText(stored.Reason);
        buffer.WriteText(stored.FactsJson);

        // Only an event that carries a state delta encodes one, so the hashes of events written before deltas existed
        // stay as they were; adding, removing or changing a delta changes the hash.
        if (stored.StateDelta is not null)
        {
            buffer.WriteText(stored.StateDelta);
        }

        return SHA256.HashData(buffer.Written);
    }

    /// <summary>Lower-case hex, as the verify route shows hashes.</summary>
    public static string ToHex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);

    private sealed class ArrayBufferWriterLite(int capacity)
    {
        private byte[] bytes = new byte[capacity];
        private int length;

        public ReadOnlySpan<byte> Written => bytes.AsSpan(0, length);

        public void Write(ReadOnlySpan<byte> value) => value.CopyTo(Reserve(value.Length));

        public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);

        public void WriteInt16(short value) => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), value);

        public void WriteText(string? value)
        {
            if (value is null)
            {
                BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);
                return;
            }

            var count = Encoding.UTF8.GetByteCount(value);
            BinaryPrimitives.WriteInt32BigEndian(Reserve(4), count);
            Encoding.UTF8.GetBytes(value, Reserve(count));
        }

        private Span<byte> Reserve(int count)
        {
            if (length + count > bytes.Length)
            {
                Array.Resize(ref bytes, Math.Max(bytes.Length * 2, length + count));
            }

            var span = bytes.AsSpan(length, count);
            length += count;
            return span;
        }
    }
}
