namespace Workflow.Demo;

/// <summary>How many working days before now a project may register: at least a month, at most fourteen.</summary>
internal readonly record struct DemoWindow(int MinWorkingDays, int MaxWorkingDays);
