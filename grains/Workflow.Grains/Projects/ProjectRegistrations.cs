using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains;

/// <summary>The wire's registration as the domain's, and back (an import brings a registration made elsewhere).</summary>
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

    public static RegisterProjectCommand ToCommand(ProjectRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var r = registration;
        return new RegisterProjectCommand(
            r.Name, r.OwnerUscc, r.County, r.Type, r.Track, r.AreaMu, r.CultivatedMu, r.PaddyMu, r.Grade, r.PermanentBasicFarmland,
            r.Households, r.SupplyMode, r.Liaison, r.Major, r.AppliedOn, r.TargetDate, r.Code, r.Procedure, r.Facts?.ToJsonString(), r.ApprovalKind);
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
