namespace GreenCommunity.Dashboard.Display;

/// <summary>What a meeting-room screen can show; the address names them (<c>?panels=map,ranking</c>).</summary>
public enum DisplayPanel
{
    /// <summary>The province map with the headline figures against the targets.</summary>
    Map,

    /// <summary>Localities ranked by their gap to the next milestone.</summary>
    Ranking,

    /// <summary>The standard's heat map: localities × the 16 criteria.</summary>
    Criteria,

    /// <summary>This month's reporting compliance.</summary>
    Compliance,

    /// <summary>One locality in focus: its districts' map and its figures.</summary>
    Focus,
}

public static class DisplayPanels
{
    public static IReadOnlyList<DisplayPanel> All { get; } = Enum.GetValues<DisplayPanel>();

    /// <summary>The name in the address: map, ranking, criteria, compliance, focus.</summary>
    public static string QueryName(this DisplayPanel panel) => panel.ToString().ToLowerInvariant();

    public static bool TryParse(string name, out DisplayPanel panel)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.QueryName(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                panel = candidate;
                return true;
            }
        }
        panel = default;
        return false;
    }
}
