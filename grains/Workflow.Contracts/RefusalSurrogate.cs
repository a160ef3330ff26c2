namespace Workflow.Contracts;

/// <summary>How a <see cref="Refusal"/> (a plain type of Workflow.Vocabulary, which knows no Orleans) crosses the wire.
/// The kind travels as its number, so the enum needs no codec of its own.</summary>
[GenerateSerializer, Immutable, Alias("landflow.Refusal")]
public readonly struct RefusalSurrogate(int kind, string rule, string detail)
{
    [Id(0)]
    public int Kind { get; init; } = kind;

    [Id(1)]
    public string Rule { get; init; } = rule;

    [Id(2)]
    public string Detail { get; init; } = detail;
}

[RegisterConverter]
public sealed class RefusalConverter : IConverter<Refusal, RefusalSurrogate>
{
    public Refusal ConvertFromSurrogate(in RefusalSurrogate surrogate) =>
        new((RefusalKind)surrogate.Kind, surrogate.Rule, surrogate.Detail);

    public RefusalSurrogate ConvertToSurrogate(in Refusal value) =>
        new((int)value.Kind, value.Rule, value.Detail);
}
