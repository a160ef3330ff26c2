namespace Workflow.Contracts;

/// <summary>
/// Which page of a project's history a caller asks for (API.md: <c>after</c>, <c>before</c>, <c>limit</c>,
/// <c>order</c>), as sent: the project grain validates it. Oldest first continues with <see cref="After"/>,
/// newest first with <see cref="Before"/>, each the <see cref="HistoryReply.Next"/> of the page before.
/// </summary>
[GenerateSerializer, Immutable, Alias("landflow.HistoryQuery")]
public sealed record HistoryQuery(
    [property: Id(0)] long? After = null,
    [property: Id(1)] long? Before = null,
    [property: Id(2)] int? Limit = null,
    [property: Id(3)] bool NewestFirst = false);
