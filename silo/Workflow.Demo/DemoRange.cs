namespace Workflow.Demo;

/// <summary>A closed range of generated values.</summary>
internal readonly record struct DemoRange(decimal Min, decimal Max)
{
    public decimal Pick(Random random) => Min + ((Max - Min) * (decimal)random.NextDouble());
}
