namespace GreenCommunity.Dashboard.Theme;

/// <summary>
/// The dashboard's colours, each defined once: the theme takes them (and CSS reads them back as MudBlazor's
/// variables, e.g. <c>var(--mud-palette-success)</c>); markup drawn on the server (map fills, chart lines) uses them here.
/// </summary>
public static class DashboardColors
{
    /// <summary>The action's green: primary, success, a target met, accepted.</summary>
    public const string Green = "#2e7d32";

    /// <summary>Behind a target, started (in the rate charts), a warning.</summary>
    public const string Orange = "#ef6c00";

    /// <summary>Missing, refused, furthest behind.</summary>
    public const string Red = "#c62828";

    /// <summary>No figure (no started community, no milestone).</summary>
    public const string NoData = "#eceff1";
}
