using System.Globalization;

namespace GreenCommunity.Dashboard.Display;

/// <summary>
/// A screen's settings from its address: <c>?panels=map,ranking&amp;rotate=20&amp;focus=420100&amp;replay=2021-06..2022-12&amp;speed=30</c>.
/// Nobody is at a wall screen to read an error page, so a value that cannot be used is left out and named in
/// <see cref="Ignored"/> (the screen shows it discreetly) and the screen runs on the defaults.
/// </summary>
/// <param name="Focus">The locality the focus panel shows; null to cycle through all of them.</param>
/// <param name="Replay">Month ends to play before going live; null for live at once.</param>
public sealed record DisplaySettings(IReadOnlyList<DisplayPanel> Panels, TimeSpan Rotate, string? Focus, ReplayPlan? Replay, IReadOnlyList<string> Ignored)
{
    public static readonly TimeSpan DefaultRotate = TimeSpan.FromSeconds(20);
    public const int MinRotateSeconds = 5;
    public const int MaxRotateSeconds = 3600;

    public static DisplaySettings Default { get; } = new(DisplayPanels.All, DefaultRotate, null, null, []);

    /// <param name="localities">The province's locality codes, which a focus must be one of.</param>
    /// <param name="campaignStart">The first month a replay can show.</param>
    /// <param name="today">The last day a replay can show.</param>
    public static DisplaySettings Parse(string? panels, string? rotate, string? focus, string? replay, string? speed,
        IReadOnlyCollection<string> localities, DateOnly campaignStart, DateOnly today)
    {
        var ignored = new List<string>();
        var chosen = ParsePanels(panels, ignored);
        var seconds = DefaultRotate;
        if (rotate is not null)
        {
            if (int.TryParse(rotate, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= MinRotateSeconds and <= MaxRotateSeconds)
            {
                seconds = TimeSpan.FromSeconds(s);
            }
            else
            {
                ignored.Add($"rotate={rotate}");
            }
        }
        string? focused = null;
        if (focus is not null)
        {
            if (localities.Contains(focus.Trim()))
            {
                focused = focus.Trim();
            }
            else
            {
                ignored.Add($"focus={focus}");
            }
        }
        ReplayPlan? plan = null;
        if (replay is not null)
        {
            plan = ReplayPlan.TryParse(replay, speed, campaignStart, today, out var problems);
            ignored.AddRange(problems);
        }
        else if (speed is not null)
        {
            ignored.Add($"speed={speed}");
        }
        return new DisplaySettings(chosen, seconds, focused, plan, ignored.Select(Shortened).ToList());
    }

    /// <summary>Named as given, up to a length a footer can show: a 3,000-digit value is named by its start.</summary>
    private static string Shortened(string part) => part.Length <= MaxNamedLength ? part : part[..MaxNamedLength] + "…";

    private const int MaxNamedLength = 40;

    private static List<DisplayPanel> ParsePanels(string? panels, List<string> ignored)
    {
        if (panels is null)
        {
            return [.. DisplayPanels.All];
        }
        var chosen = new List<DisplayPanel>();
        foreach (var name in panels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (DisplayPanels.TryParse(name, out var panel))
            {
                if (!chosen.Contains(panel))
                {
                    chosen.Add(panel);
                }
            }
            else
            {
                ignored.Add($"panels={name}");
            }
        }
        if (chosen.Count == 0)
        {
            if (!ignored.Any(i => i.StartsWith("panels=", StringComparison.Ordinal)))
            {
                ignored.Add($"panels={panels}");
            }
            return [.. DisplayPanels.All];
        }
        return chosen;
    }
}
