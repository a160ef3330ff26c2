using System.Collections.Concurrent;

namespace Workflow.Domain;

/// <summary>
/// One instance of each small immutable value that every project repeats (a step's key and department, a time limit),
/// so that thousands of active projects loaded from JSON do not each hold their own copies. Bounded: past
/// <see cref="MaxEntries"/> distinct values a value is kept as given, so odd input cannot grow it without limit.
/// </summary>
public static class SharedValues
{
    public const int MaxEntries = 8_192;

    private static readonly ConcurrentDictionary<string, string> Texts = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<TimeLimit, TimeLimit> Limits = new();

    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Texts.TryGetValue(value, out var shared) ? shared
            : Texts.Count < MaxEntries ? Texts.GetOrAdd(value, value)
            : value;
    }

    public static TimeLimit? Limit(TimeLimit? value) =>
        value is null ? null
            : Limits.TryGetValue(value, out var shared) ? shared
            : Limits.Count < MaxEntries ? Limits.GetOrAdd(value, value)
            : value;
}
