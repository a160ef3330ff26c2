using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains;

/// <summary>The wire's registration as the domain's.</summary>
public static class ProjectRegistrations
{
    public static ProjectRegistration From(RegisterProjectCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new ProjectRegistration(
            command.Name, command.OwnerUscc, command.County, command.Type, command.Track, command.AreaMu, command.CultivatedMu,
            command.PaddyMu, command.Grade, command.PermanentBasicFarmland, command.Households, command.SupplyMode,
            command.Liaison, command.Major, command.AppliedOn, command.TargetDate, command.Code, command.ApprovalKind, command.Procedure, Facts(command.FactsJson));
    }

    /// <summary>The procedure's facts; the gateway sends a JSON object or nothing, and the grain checks their size first.</summary>
    private static JsonObject? Facts(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
