using MudBlazor;

namespace Workflow.Web;

/// <summary>One theme for every page: a government blue, and fonts that draw Chinese (Noto CJK on Debian, the system's elsewhere).</summary>
public static class LandFlowTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1f4e8c", AppbarBackground = "#1f4e8c" },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "sans-serif"],
            },
        },
    };
}
