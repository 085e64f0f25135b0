using System.Globalization;
using GreenCommunity.Domain.Campaigns;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Model;

/// <summary>
/// The diverging scale of a distance to a target, shared by the map and the ranking: warm behind, green ahead, pale
/// on either side of the target, so that behind and ahead read apart at a glance and the target itself is never
/// inside a band. Share targets in bands of 5 percentage points (the demo's localities lie within ±17 of 60%).
/// </summary>
public static class TargetScale
{
    /// <summary>Band edges in percentage points: a band holds its lower edge, so exactly on the target is met.</summary>
    private static readonly double[] s_pointEdges = [-10, -5, 0, 5, 10];

    /// <summary>Furthest behind to furthest ahead.</summary>
    public static IReadOnlyList<string> Colors { get; } = ["#c62828", "#f4845f", "#fcd5b5", "#d6eccb", "#7cbf72", "#1b6e2a"];

    public const int PilotsBehind = 1;
    public const int PilotsMet = 3;
    public const int PilotsMore = 4;

    /// <summary>The band of a distance: 0 (10 points or more behind) to 5 (10 or more ahead); for pilots 1, 3 or 4.</summary>
    public static int Bin(TargetDistance distance) => distance.InPoints
        ? s_pointEdges.Count(edge => distance.Distance >= edge)
        : distance.Gap > 0 ? PilotsBehind
        : distance.Distance + distance.Milestone.Minimum <= (distance.Milestone.Maximum ?? double.MaxValue) ? PilotsMet : PilotsMore;

    /// <summary>The bands a legend lists, in the words of the target.</summary>
    public static IReadOnlyList<(int Bin, string Label)> Bands(Milestone target, IStringLocalizer<Resources.Map> loc)
    {
        if (target.Kind == MilestoneKind.PilotsPerLocality)
        {
            var most = target.Maximum ?? target.Minimum;
            return
            [
                (PilotsBehind, loc[nameof(Resources.Map.BandNoPilot)]),
                (PilotsMet, loc[nameof(Resources.Map.BandPilotsMet), P(target.Minimum), P(most)]),
                (PilotsMore, loc[nameof(Resources.Map.BandPilotsMore), P(most)]),
            ];
        }
        return
        [
            (0, loc[nameof(Resources.Map.BandBehindOver), P(-s_pointEdges[0])]),
            (1, loc[nameof(Resources.Map.BandBehind), P(-s_pointEdges[1]), P(-s_pointEdges[0])]),
            (2, loc[nameof(Resources.Map.BandBehind), P(-s_pointEdges[2]), P(-s_pointEdges[1])]),
            (3, loc[nameof(Resources.Map.BandMetUnder), P(s_pointEdges[3])]),
            (4, loc[nameof(Resources.Map.BandAhead), P(s_pointEdges[3]), P(s_pointEdges[4])]),
            (5, loc[nameof(Resources.Map.BandAheadOver), P(s_pointEdges[4])]),
        ];
    }

    private static string P(double points) => Math.Abs(points).ToString("0.#", CultureInfo.CurrentCulture);
}
