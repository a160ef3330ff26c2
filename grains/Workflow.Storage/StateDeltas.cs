using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Storage;

/// <summary>
/// A stream's state as the fold of what each commit changed. <see cref="Diff"/> finds the parts of a state JSON that
/// differ from a <see cref="StateBaseline"/> (the top-level properties, and the elements of top-level arrays: a
/// project's steps, a ledger's reservations) and writes only those as a delta; <see cref="Fold"/> applies deltas in
/// order to a snapshot. An act that changes one step writes that step, not the project's 8 KB.
/// </summary>
/// <remarks>
/// The delta is JSON: <c>{"all":v}</c> replaces the state (the first commit, or a change of kind); otherwise, for an
/// object, <c>{"set":{"name":v},"del":["name"],"arr":{"name":[[start,deleteCount,[items]]]}}</c>, and for an array
/// <c>{"root":[[start,deleteCount,[items]]]}</c>. Splices apply in order. Parts are compared by a 64-bit hash of their
/// serialized bytes; a part that is equal but written differently (another property order after a fold) only costs
/// bytes, never correctness.
/// </remarks>
public static class StateDeltas
{
    private static readonly JsonDocumentOptions Deep = new() { MaxDepth = 256 };

    // Escaped as the grains write their states (DomainJson): Chinese as it is, HTML-sensitive characters escaped, so a
    // folded state reads the same as the one written.
    private static readonly JsonSerializerOptions Output = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>The delta from <paramref name="baseline"/> (null: nothing committed yet) to <paramref name="stateJson"/>,
    /// or null when nothing changed; <paramref name="next"/> is the baseline of <paramref name="stateJson"/>.</summary>
    public static string? Diff(StateBaseline? baseline, string stateJson, out StateBaseline next)
    {
        ArgumentNullException.ThrowIfNull(stateJson);
        var utf8 = Encoding.UTF8.GetBytes(stateJson);
        next = StateBaseline.Read(utf8, out var parts);
        if (baseline is not null && baseline.RootHash == next.RootHash)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            if (baseline is null || baseline.Kind != next.Kind || next.Kind == StateBaseline.OtherKind)
            {
                writer.WritePropertyName("all");
                writer.WriteRawValue(utf8, skipInputValidation: true);
            }
            else if (next.Kind == StateBaseline.ArrayKind)
            {
                writer.WritePropertyName("root");
                WriteSplices(writer, utf8, baseline.Hashes, next.Hashes, parts.Elements![0]!);
            }
            else
            {
                WriteObjectDelta(writer, utf8, baseline, next, parts);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The state after applying <paramref name="deltas"/> (nulls change nothing) in order to
    /// <paramref name="stateJson"/> (null: none yet); null when there is still no state.</summary>
    public static string? Fold(string? stateJson, IEnumerable<string?> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        JsonNode? state = null;
        var parsed = false;
        foreach (var delta in deltas)
        {
            if (delta is null)
            {
                continue;
            }

            // Parsed only once there is something to apply: a snapshot with no delta after it is returned as stored.
            if (!parsed)
            {
                state = stateJson is null ? null : JsonNode.Parse(stateJson, documentOptions: Deep);
                parsed = true;
            }

            state = Apply(state, JsonNode.Parse(delta, documentOptions: Deep)!.AsObject());
        }

        return !parsed ? stateJson : state?.ToJsonString(Output) ?? "null";
    }

    private static JsonNode? Apply(JsonNode? state, JsonObject delta)
    {
        if (delta.TryGetPropertyValue("all", out var all))
        {
            delta.Remove("all");
            return all;
        }

        if (delta["root"] is JsonArray rootSplices)
        {
            var array = state as JsonArray ?? throw new InvalidDataException("An array delta applies to an array state.");
            Splice(array, rootSplices);
            return array;
        }

        var target = state as JsonObject ?? throw new InvalidDataException("An object delta applies to an object state.");
        if (delta["set"] is JsonObject set)
        {
            foreach (var name in set.Select(p => p.Key).ToList())
            {
                var value = set[name];
                set.Remove(name);
                target[name] = value;
            }
        }

        if (delta["del"] is JsonArray deleted)
        {
            foreach (var name in deleted)
            {
                target.Remove(name!.GetValue<string>());
            }
        }

        if (delta["arr"] is JsonObject arrays)
        {
            foreach (var (name, splices) in arrays)
            {
                var array = target[name] as JsonArray ?? throw new InvalidDataException($"Property '{name}' is not an array to splice.");
                Splice(array, splices!.AsArray());
            }
        }

        return target;
    }

    private static void Splice(JsonArray array, JsonArray splices)
    {
        foreach (var splice in splices)
        {
            var start = splice![0]!.GetValue<int>();
            var deleteCount = splice[1]!.GetValue<int>();
            var items = splice[2]!.AsArray();
            for (var i = 0; i < deleteCount; i++)
            {
                array.RemoveAt(start);
            }

            var inserted = items.ToList();
            items.Clear();
            for (var i = 0; i < inserted.Count; i++)
            {
                array.Insert(start + i, inserted[i]);
            }
        }
    }

    private static void WriteObjectDelta(Utf8JsonWriter writer, byte[] utf8, StateBaseline before, StateBaseline after, StateBaseline.Parts parts)
    {
        var set = new List<int>();
        var arrays = new List<(int After, int Before)>();
        for (var i = 0; i < after.Names!.Length; i++)
        {
            var j = before.IndexOf(after.Names[i], i);
            if (j < 0)
            {
                set.Add(i);
            }
            else if (before.Hashes[j] != after.Hashes[i])
            {
                if (before.ElementsOf(j) is not null && after.ElementsOf(i) is not null)
                {
                    arrays.Add((i, j));
                }
                else
                {
                    set.Add(i);
                }
            }
        }

        if (set.Count > 0)
        {
            writer.WriteStartObject("set");
            foreach (var i in set)
            {
                writer.WritePropertyName(after.Names[i]);
                writer.WriteRawValue(utf8.AsSpan(parts.Ranges[i].Start, parts.Ranges[i].Length), skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        var deleted = before.Names!.Where((name, j) => after.IndexOf(name, j) < 0).ToList();
        if (deleted.Count > 0)
        {
            writer.WriteStartArray("del");
            foreach (var name in deleted)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
        }

        if (arrays.Count > 0)
        {
            writer.WriteStartObject("arr");
            foreach (var (i, j) in arrays)
            {
                writer.WritePropertyName(after.Names[i]);
                WriteSplices(writer, utf8, before.ElementsOf(j)!, after.ElementsOf(i)!, parts.Elements![i]!);
            }

            writer.WriteEndObject();
        }
    }

    /// <summary>Equal lengths: each run of changed elements replaced in place. Otherwise one splice between the common
    /// prefix and suffix, which covers an append, a removal anywhere and an insertion anywhere.</summary>
    private static void WriteSplices(Utf8JsonWriter writer, byte[] utf8, ulong[] before, ulong[] after, (int Start, int Length)[] ranges)
    {
        writer.WriteStartArray();
        if (before.Length == after.Length)
        {
            var i = 0;
            while (i < after.Length)
            {
                if (before[i] == after[i])
                {
                    i++;
                    continue;
                }

                var end = i;
                while (end < after.Length && before[end] != after[end])
                {
                    end++;
                }

                WriteSplice(writer, utf8, i, end - i, ranges, i, end);
                i = end;
            }
        }
        else
        {
            var shorter = Math.Min(before.Length, after.Length);
            var prefix = 0;
            while (prefix < shorter && before[prefix] == after[prefix])
            {
                prefix++;
            }

            var suffix = 0;
            while (suffix < shorter - prefix && before[^(suffix + 1)] == after[^(suffix + 1)])
            {
                suffix++;
            }

            WriteSplice(writer, utf8, prefix, before.Length - prefix - suffix, ranges, prefix, after.Length - suffix);
        }

        writer.WriteEndArray();
    }

    private static void WriteSplice(Utf8JsonWriter writer, byte[] utf8, int start, int deleteCount, (int Start, int Length)[] ranges, int from, int to)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(start);
        writer.WriteNumberValue(deleteCount);
        writer.WriteStartArray();
        for (var k = from; k < to; k++)
        {
            writer.WriteRawValue(utf8.AsSpan(ranges[k].Start, ranges[k].Length), skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WriteEndArray();
    }
}

/// <summary>
/// What <see cref="StateDeltas.Diff"/> compares a new state with: a 64-bit hash per top-level part (and per element of a
/// top-level array), not the state itself, so a grain keeps a few hundred bytes, not a second copy of its state.
/// </summary>
public sealed class StateBaseline
{
    internal const byte OtherKind = 0;
    internal const byte ObjectKind = 1;
    internal const byte ArrayKind = 2;

    // Property names repeat across every stream of a kind: one string each, shared, so a baseline holds references.
    private static readonly ConcurrentDictionary<string, string> NamePool = new(StringComparer.Ordinal);
    private const int NamePoolLimit = 65_536;

    // Names are shared between baselines of the same shape (one array for all projects), and only array-valued
    // properties keep element hashes: a project's baseline is its ~35 property hashes and its steps', under 1 KB.
    private static readonly ConcurrentDictionary<string, string[]> ShapePool = new(StringComparer.Ordinal);
    private const int ShapePoolLimit = 4_096;

    private readonly (int Property, ulong[] Hashes)[] arrays;

    private StateBaseline(byte kind, ulong rootHash, string[]? names, ulong[] hashes, (int Property, ulong[] Hashes)[] arrays)
    {
        Kind = kind;
        RootHash = rootHash;
        Names = names;
        Hashes = hashes;
        this.arrays = arrays;
    }

    internal byte Kind { get; }

    internal ulong RootHash { get; }

    /// <summary>Object: the property names in order; null otherwise.</summary>
    internal string[]? Names { get; }

    /// <summary>Object: a hash per property; array: a hash per element.</summary>
    internal ulong[] Hashes { get; }

    /// <summary>Object: the hashes of property <paramref name="property"/>'s elements when it is an array, else null.</summary>
    internal ulong[]? ElementsOf(int property)
    {
        foreach (var (index, hashes) in arrays)
        {
            if (index == property)
            {
                return hashes;
            }
        }

        return null;
    }

    /// <summary>The baseline of <paramref name="stateJson"/>.</summary>
    public static StateBaseline Of(string stateJson)
    {
        ArgumentNullException.ThrowIfNull(stateJson);
        return Read(Encoding.UTF8.GetBytes(stateJson), out _);
    }

    internal int IndexOf(string name, int hint)
    {
        var names = Names!;
        if (hint < names.Length && string.Equals(names[hint], name, StringComparison.Ordinal))
        {
            return hint;
        }

        return Array.FindIndex(names, n => string.Equals(n, name, StringComparison.Ordinal));
    }

    internal static StateBaseline Read(byte[] utf8, out Parts parts)
    {
        var rootHash = XxHash3.HashToUInt64(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            var (hashes, ranges) = ReadElements(ref reader, utf8);
            parts = new Parts([], [ranges]);
            return new StateBaseline(ArrayKind, rootHash, null, hashes, []);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            parts = new Parts([], null);
            return new StateBaseline(OtherKind, rootHash, null, [], []);
        }

        var names = new List<string>();
        var propertyHashes = new List<ulong>();
        var elements = new List<(int, ulong[])>();
        var propertyRanges = new List<(int, int)>();
        var elementRanges = new List<(int, int)[]?>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            names.Add(Intern(reader.GetString()!));
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                var (hashes, ranges) = ReadElements(ref reader, utf8);
                elements.Add((names.Count - 1, hashes));
                elementRanges.Add(ranges);
            }
            else
            {
                reader.Skip();
                elementRanges.Add(null);
            }

            var length = (int)reader.BytesConsumed - start;
            propertyRanges.Add((start, length));
            propertyHashes.Add(XxHash3.HashToUInt64(utf8.AsSpan(start, length)));
        }

        parts = new Parts([.. propertyRanges], [.. elementRanges]);
        return new StateBaseline(ObjectKind, rootHash, Shape(names), [.. propertyHashes], [.. elements]);
    }

    /// <summary>Reads the array the reader is at the start of, to its end.</summary>
    private static (ulong[] Hashes, (int Start, int Length)[] Ranges) ReadElements(ref Utf8JsonReader reader, byte[] utf8)
    {
        var hashes = new List<ulong>();
        var ranges = new List<(int, int)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var length = (int)reader.BytesConsumed - start;
            ranges.Add((start, length));
            hashes.Add(XxHash3.HashToUInt64(utf8.AsSpan(start, length)));
        }

        return ([.. hashes], [.. ranges]);
    }

    private static string[] Shape(List<string> names)
    {
        var key = string.Join('\n', names);
        return ShapePool.TryGetValue(key, out var pooled) ? pooled
            : ShapePool.Count < ShapePoolLimit ? ShapePool.GetOrAdd(key, _ => [.. names])
            : [.. names];
    }

    private static string Intern(string name) =>
        NamePool.TryGetValue(name, out var pooled) ? pooled
        : NamePool.Count < NamePoolLimit ? NamePool.GetOrAdd(name, name)
        : name;

    /// <summary>Where each part lies in the UTF-8 text just read; only for writing the delta, never kept.</summary>
    internal sealed record Parts((int Start, int Length)[] Ranges, (int Start, int Length)[]?[]? Elements);
}
