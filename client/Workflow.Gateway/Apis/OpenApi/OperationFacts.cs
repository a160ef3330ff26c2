namespace Workflow.Gateway;

/// <summary>An error status an operation may answer, and the named rules it may refuse with under that status
/// (none for refusals without a rule, such as a 404 or a missing field); read by <see cref="ProblemResponsesTransformer"/>.</summary>
public sealed record RefusalMetadata(int Status, IReadOnlyList<string> Rules);

/// <summary>The values a path or query parameter accepts; read by <see cref="AllowedValuesTransformer"/>.</summary>
public sealed record AllowedValuesMetadata(string Parameter, IReadOnlyList<string> Values);

/// <summary>
/// What the OpenAPI document says of an operation beyond its signature, written next to its <c>MapX</c> call:
/// which statuses and rules it may refuse with and which values its parameters take. The transformers under
/// Apis/OpenApi turn these into responses and enums.
/// </summary>
public static class OperationFacts
{
    /// <summary>The step actions of <c>POST /api/projects/{code}/steps/{key}/{action}</c> (the domain's StepActions).</summary>
    public static readonly string[] StepActions = ["start", "suspend", "resume", "complete", "reject", "reserve", "extend"];

    /// <summary>The project states a list may be filtered by (the domain's ProjectListFilter).</summary>
    public static readonly string[] ProjectStates = ["active", "approved", "completed", "rejected", "withdrawn"];

    /// <summary>The traffic lights a list may be filtered by (the domain's ProjectListFilter).</summary>
    public static readonly string[] Lights = ["green", "yellow", "red"];

    /// <summary>History page orders: oldest first (the default) or newest first.</summary>
    public static readonly string[] HistoryOrders = ["asc", "desc"];

    /// <summary>The operation may answer <paramref name="status"/> with a problem, naming one of <paramref name="rules"/> when a rule refused it.</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, int status, params string[] rules)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new RefusalMetadata(status, rules));
    }

    /// <summary>The parameter <paramref name="parameter"/> takes only <paramref name="values"/>.</summary>
    public static TBuilder AllowsValues<TBuilder>(this TBuilder builder, string parameter, params string[] values)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new AllowedValuesMetadata(parameter, values));
    }

    /// <summary>The operation calls grains: a lost silo or an unreachable store is a 503 with <c>Retry-After</c> and <c>applied</c>.</summary>
    public static TBuilder CallsGrains<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Refuses(StatusCodes.Status503ServiceUnavailable);
}
