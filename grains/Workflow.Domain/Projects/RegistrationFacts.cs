using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Domain;

/// <summary>
/// The facts a procedure's registration carries (its template's <c>registration.facts</c>): their shape, checked as
/// malformed input (400 <c>invalid-registration</c>), and the template's rules on them, each refused by its own name
/// (409), so an area cap or the one-household-one-plot rule is data, not code.
/// </summary>
public static class RegistrationFacts
{
    /// <summary>Reports through <paramref name="add"/> each missing, unknown or mistyped fact.</summary>
    public static void Validate(RegistrationDefinition registration, JsonObject? facts, Action<string, string> add)
    {
        foreach (var definition in registration.Facts)
        {
            var node = facts?[definition.Fact];
            var field = $"facts.{definition.Fact}";
            if (node is null)
            {
                add(field, $"Required: {definition.Description}.");
                continue;
            }

            switch (definition.Kind)
            {
                case RegistrationFactKind.Number when !FactValues.TryGetNumber(node, out var number) || number <= 0:
                    add(field, "A number greater than zero is required.");
                    break;
                case RegistrationFactKind.Boolean when !FactValues.TryGetBoolean(node, out _):
                    add(field, "true or false is required.");
                    break;
                case RegistrationFactKind.Choice when Text(node) is not { } choice || definition.Values?.Contains(choice) != true:
                    add(field, $"One of {string.Join(", ", definition.Values ?? [])} is required.");
                    break;
                case RegistrationFactKind.Text when Text(node) is not { Length: > 0 and <= 200 }:
                    add(field, "A text of 1 to 200 characters is required.");
                    break;
            }
        }

        foreach (var (name, _) in facts ?? [])
        {
            if (!registration.Facts.Any(f => f.Fact == name))
            {
                add($"facts.{name}", $"Not a fact of this procedure; it takes {string.Join(", ", registration.Facts.Select(f => f.Fact))}.");
            }
        }
    }

    /// <summary>The first of the template's checks the (already validated) facts fail, or null.</summary>
    public static Refusal? Check(RegistrationDefinition registration, JsonObject? facts)
    {
        foreach (var check in registration.Checks)
        {
            var node = facts?[check.Fact];
            if (check.MustBe is { } expected)
            {
                if (FactValues.TryGetBoolean(node, out var flag) && flag != expected)
                {
                    return Refusal.Conflict(check.Rule, check.Detail);
                }

                continue;
            }

            if (!FactValues.TryGetNumber(node, out var value) || Limit(check, facts) is not { } limit)
            {
                continue;
            }

            if (value > limit)
            {
                return Refusal.Conflict(check.Rule, string.Create(CultureInfo.InvariantCulture,
                    $"facts.{check.Fact} is {value}, above {limit}{LimitBasis(check, facts)}. {check.Detail}"));
            }
        }

        return null;
    }

    /// <summary>The facts as registered, as the invariant text the status shows.</summary>
    public static IReadOnlyDictionary<string, string> AsText(JsonObject? facts) =>
        (facts ?? []).Where(p => p.Value is not null).ToDictionary(
            p => p.Key,
            p => Text(p.Value) ?? p.Value!.ToJsonString(),
            StringComparer.Ordinal);

    private static decimal? Limit(RegistrationCheck check, JsonObject? facts) =>
        check.AtMost ?? (check.AtMostBy is { } lookup && Text(facts?[lookup.Fact]) is { } key && lookup.Values.TryGetValue(key, out var figure)
            ? figure
            : null);

    private static string LimitBasis(RegistrationCheck check, JsonObject? facts) =>
        check.AtMostBy is { } lookup ? $" (the cap for {lookup.Fact} '{Text(facts?[lookup.Fact])}')" : "";

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
