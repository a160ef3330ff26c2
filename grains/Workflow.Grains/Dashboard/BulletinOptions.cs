namespace Workflow.Grains;

/// <summary>The weekly bulletin's settings (<c>LandFlow:Bulletin:*</c>).</summary>
public sealed class BulletinOptions
{
    /// <summary>The on-time rate (a fraction) below which a unit is named in the bulletin.</summary>
    public double Line { get; set; } = 0.85;
}
