using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Dashboard.Theme;

/// <summary>
/// The dashboard's colours, each defined once: the theme takes them (and CSS reads them back as MudBlazor's
/// variables, e.g. <c>var(--mud-palette-success)</c>); markup drawn on the server (map fills, chart lines, stage bars) uses them here.
/// A colour means one thing everywhere: green done or in time, orange behind or late, red missing, grey nothing yet.
/// </summary>
public static class DashboardColors
{
    /// <summary>The action's green: primary, success, a target met, accepted, on time.</summary>
    public const string Green = "#2e7d32";

    /// <summary>Behind a target, late, a warning.</summary>
    public const string Orange = "#ef6c00";

    /// <summary>Missing, refused, furthest behind.</summary>
    public const string Red = "#c62828";

    /// <summary>Nothing yet: not started, not yet due.</summary>
    public const string Grey = "#b0bec5";

    /// <summary>Pilot communities.</summary>
    public const string Purple = "#8e24aa";

    /// <summary>In progress and started: under way, neither done nor behind (so not the warning's orange).</summary>
    public const string Blue = "#1e88e5";

    /// <summary>No figure (no started community, no milestone).</summary>
    public const string NoData = "#eceff1";

    /// <summary>One colour per stage, the same in the stage bar, the stages chart, the rate charts and their legends.</summary>
    public static string Of(Stage stage) => stage switch
    {
        Stage.NotStarted => Grey,
        Stage.Pilot => Purple,
        Stage.InProgress => Blue,
        _ => Green,
    };

    /// <summary>Whether a locality reported in time: the map's reporting metric and the feed's badges.</summary>
    public static class Reporting
    {
        public const string OnTime = Green;
        public const string Late = Orange;
        public const string NotYetDue = Grey;
        public const string Missing = Red;
    }

    /// <summary>A milestone's target met or missed: the locality table's marks and the ranking's bars.</summary>
    public static class Target
    {
        public const string Met = Green;
        public const string Missed = Orange;
    }
}
