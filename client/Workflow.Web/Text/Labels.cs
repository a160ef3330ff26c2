namespace Workflow.Web;

/// <summary>The marker of the pages' labels: Resources/Labels.resx (English, the neutral resources) and
/// Resources/Labels.zh-CN.resx (Chinese, the first language). A test checks both hold the same keys.</summary>
public sealed class Labels;
