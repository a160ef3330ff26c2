using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Domain;

/// <summary>Reads step facts whatever CLR type a JSON node was built from (parsed text or a literal).</summary>
public static class FactValues
{
    public static bool TryGetNumber(JsonNode? node, out decimal value)
    {
        value = 0;
        return node is JsonValue v
            && v.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A whole number from 0 to <see cref="int.MaxValue"/> (households, members, working days).</summary>
    public static bool TryGetWholeNumber(JsonNode? node, out long value)
    {
        value = 0;
        if (!TryGetNumber(node, out var number) || number != decimal.Truncate(number) || number < 0 || number > int.MaxValue)
        {
            return false;
        }

        value = (long)number;
        return true;
    }

    public static bool TryGetBoolean(JsonNode? node, out bool value)
    {
        value = false;
        if (node is not JsonValue v)
        {
            return false;
        }

        switch (v.GetValueKind())
        {
            case JsonValueKind.True:
                value = true;
                return true;
            case JsonValueKind.False:
                return true;
            default:
                return false;
        }
    }
}
