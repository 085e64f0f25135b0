using GreenCommunity.Domain.Communities;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Controls.Submit;

/// <summary>A stage's name in the page's language, as the overview names it.</summary>
public static class StageLabels
{
    public static string Name(Stage stage, IStringLocalizer<Resources.Overview> loc) => stage switch
    {
        Stage.NotStarted => loc[nameof(Resources.Overview.NotStarted)],
        Stage.Pilot => loc[nameof(Resources.Overview.Pilot)],
        Stage.InProgress => loc[nameof(Resources.Overview.InProgress)],
        _ => loc[nameof(Resources.Overview.StageAccepted)],
    };
}
