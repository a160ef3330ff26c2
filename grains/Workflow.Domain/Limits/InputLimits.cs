using System.Text;
using System.Text.Json;

namespace Workflow.Domain;

/// <summary>
/// How much free text and structure one act may bring. Every accepted act is kept in the project's history
/// forever and served back on every read of it, so what one caller sends once, every later reader pays for:
/// the limits keep a history readable (a page of it fits an Orleans message and a gateway's memory) whatever
/// its callers send. Each is far above what the bureau's acts need.
/// </summary>
public static class InputLimits
{
    /// <summary>A reason is a sentence or a paragraph (a supplement request lists what is missing): 2,000
    /// characters is a page of Chinese text.</summary>
    public const int MaxReasonLength = 2_000;

    /// <summary>The facts of the templates are a handful of numbers, flags and county lists: 16 KiB of JSON
    /// (as sent, UTF-8) is a hundred times that.</summary>
    public const int MaxFactsBytes = 16 * 1024;

    /// <summary>Facts are flat, with at most a list or a small object inside; 5 levels (the facts object is
    /// level 1) leave room without letting a deep nesting cost a reader's stack.</summary>
    public const int MaxFactsDepth = 5;

    /// <summary>Properties in all the facts' objects together.</summary>
    public const int MaxFactsProperties = 64;

    /// <summary>Template document keys are short identifiers (<c>filing-package</c>).</summary>
    public const int MaxDocumentKeyLength = 64;

    /// <summary>A history page holds this many events unless the caller asks for another number.</summary>
    public const int DefaultHistoryLimit = 100;

    /// <summary>The most events one history page holds.</summary>
    public const int MaxHistoryLimit = 500;

    /// <summary>The reasons and facts of one history page, in UTF-8 bytes: a page stops before the event that
    /// would pass this (it always holds at least one), and its cursor continues from there.</summary>
    public const int MaxHistoryPageBytes = 256 * 1024;

    public static Refusal? CheckReason(string? reason) =>
        reason is { Length: > MaxReasonLength }
            ? Refusal.Invalid(Rules.ReasonTooLong, $"A reason holds at most {MaxReasonLength:N0} characters; this one has {reason.Length:N0}.")
            : null;

    /// <summary>Checks the facts JSON as sent, before it is parsed into a tree; malformed JSON is left to the parser.</summary>
    public static Refusal? CheckFacts(string? factsJson)
    {
        if (string.IsNullOrEmpty(factsJson))
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetByteCount(factsJson);
        if (bytes > MaxFactsBytes)
        {
            return Refusal.Invalid(Rules.FactsTooLarge, $"facts hold at most {MaxFactsBytes:N0} bytes of JSON; these have {bytes:N0}.");
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(factsJson), default(JsonReaderOptions));
        var properties = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= MaxFactsDepth)
                {
                    return Refusal.Invalid(Rules.FactsTooDeep, $"facts nest at most {MaxFactsDepth} levels deep.");
                }

                if (reader.TokenType == JsonTokenType.PropertyName && ++properties > MaxFactsProperties)
                {
                    return Refusal.Invalid(Rules.FactsTooManyProperties, $"facts hold at most {MaxFactsProperties} properties in all.");
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the parser that follows says so with its own rule.
        }

        return null;
    }

    /// <summary>A reason and facts, as one step action brings them.</summary>
    public static Refusal? CheckStepAction(string? reason, string? factsJson) => CheckReason(reason) ?? CheckFacts(factsJson);

    public static Refusal? CheckDocumentKey(string? key) =>
        key is { Length: > 0 and <= MaxDocumentKeyLength } && key.All(IsDocumentKeyChar)
            ? null
            : Refusal.Invalid(Rules.InvalidDocumentKey,
                $"A document key is 1 to {MaxDocumentKeyLength} letters, digits, '-', '_' or '.' (the keys of the template's missing documents).");

    private static bool IsDocumentKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
