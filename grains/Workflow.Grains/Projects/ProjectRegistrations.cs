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
            command.Liaison, command.Major, command.AppliedOn, command.TargetDate, command.Code, command.ApprovalKind);
    }
}
