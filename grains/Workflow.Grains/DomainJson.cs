using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Grains;

/// <summary>How grain state and history facts are written to the store.</summary>
public static class DomainJson
{
    // Chinese text stays readable in the store and the history rather than \u-escaped.
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Grain state: as <see cref="Options"/>, but absent instead of null. A project's state is
    /// rewritten at every act and most of its step fields are null most of the time; leaving them out
    /// halves the bytes the single writer handles. Every nullable member defaults to null, so reading
    /// the shorter form, or the older form with explicit nulls, gives the same state.</summary>
    public static JsonSerializerOptions StateOptions { get; } = new(Options)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static string SerializeState<T>(T value) => JsonSerializer.Serialize(value, StateOptions);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"Stored {typeof(T).Name} is empty.");

    /// <summary>Parses a facts object from the wire; null when absent, an error message when not an object.</summary>
    public static JsonObject? ParseFacts(string? json, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(json);
            if (node is null)
            {
                return null;
            }

            if (node is JsonObject obj)
            {
                return obj;
            }

            error = "facts must be a JSON object.";
            return null;
        }
        catch (JsonException ex)
        {
            error = $"facts is not valid JSON: {ex.Message}";
            return null;
        }
    }
}
