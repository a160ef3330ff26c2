using Microsoft.Extensions.Localization;

namespace Workflow.Web;

/// <summary>A notice in one line of the reader's language: what happened (a light, a chase) and to which project.</summary>
public static class NoticeText
{
    public static string Headline(IStringLocalizer<Labels> labels, Notice notice)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(notice);
        var what = notice.Kind == "light" && notice.Light is { } light
            ? labels[WebFormat.Key("Light", light)].Value
            : labels[WebFormat.Key("NoticeKind", notice.Kind)].Value;
        return $"{what} · {notice.ProjectName ?? notice.ProjectCode ?? notice.Stream}";
    }
}
