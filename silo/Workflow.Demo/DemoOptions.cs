namespace Workflow.Demo;

/// <summary>The "LandFlow:Demo" section: whether a silo seeds demo data into an empty store, and from which seed.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "LandFlow:Demo";

    /// <summary>Unset means "in embedded mode only".</summary>
    public bool? Enabled { get; set; }

    /// <summary>The same seed on the same clock writes the same projects, codes and histories.</summary>
    public int Seed { get; set; } = 2026;
}
