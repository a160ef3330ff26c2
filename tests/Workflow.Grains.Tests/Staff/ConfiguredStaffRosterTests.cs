namespace Workflow.Grains.Tests;

public sealed class ConfiguredStaffRosterTests
{
    [Theory]
    [InlineData("liaison-wang,liaison-chen", "liaison-chen", true)]
    [InlineData(" liaison-wang ; liaison-chen ", "liaison-wang", true)]
    [InlineData("liaison-wang", "liaison-chen", false)]
    [InlineData("liaison-wang", "LIAISON-WANG", false)]
    [InlineData(null, "liaison-wang", false)]
    [InlineData("", "liaison-wang", false)]
    public void IsLiaison_ConfiguredList_KnowsExactlyThoseIds(string? configured, string userId, bool known)
    {
        var roster = new ConfiguredStaffRoster(configured);

        Assert.Equal(known, roster.IsLiaison(userId));
    }
}
