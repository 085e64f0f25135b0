using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Controls.Reports;

/// <summary>A report kind's name in the page's language, as the live feed names it.</summary>
public static class ReportKinds
{
    public static string Label(string kind, IStringLocalizer<Resources.Overview> loc) => kind switch
    {
        "monthly" => loc[nameof(Resources.Overview.KindMonthly)],
        "annual" => loc[nameof(Resources.Overview.KindAnnual)],
        "plan" => loc[nameof(Resources.Overview.KindPlan)],
        _ => kind,
    };
}
