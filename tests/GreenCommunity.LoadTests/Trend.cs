using System.Globalization;
using static GreenCommunity.LoadTests.Markdown;

namespace GreenCommunity.LoadTests;

/// <summary>
/// Whether a measure sampled over a soak rises: start, end and least-squares slope, judged on the samples after a
/// warm-up (the first minutes fill caches, render buffers and the JIT, and say nothing about a leak).
/// </summary>
internal sealed record Trend(string Measure, double Start, double WarmedUp, double End, double SlopePer10Minutes, double Rise,
    double FirstThirdMean, double MiddleThirdMean, double LastThirdMean)
{
    /// <summary>The rule, as the results state it.</summary>
    public const string Rule =
        "**No upward trend** when, over the samples after the warm-up, both hold: the least-squares rise (slope × the window's length) " +
        "is under 10 % of the first third's mean, and the last third's mean is at most 5 % above the middle third's. " +
        "A leak fails both; a step up during the warm-up fails neither, and a sawtooth (GC, a rotating screen) averages out over a long window.";

    private const double MaxRiseShare = 0.10;
    private const double MaxThirdsGrowth = 1.05;

    /// <summary>The requested warm-up, but at most a third of the run, so that a short trial run still has a window.</summary>
    public static double WarmupMinutes(double requested, double runMinutes) => Math.Min(requested, runMinutes / 3);

    /// <param name="phases">
    /// Per sample, the phase it was taken in (a rotating screen's panel), or null: then each value after the warm-up is
    /// compared within its phase (less its phase's mean, plus the window's mean), so that which panels happen to fall
    /// early or late in a window does not read as a trend.
    /// </param>
    public static Trend Of(string measure, IReadOnlyList<(double Minutes, double Value)> series, double warmupMinutes, IReadOnlyList<string?>? phases = null)
    {
        var asRead = series.Where(p => p.Minutes >= warmupMinutes).ToList();
        var window = asRead;
        if (phases is not null)
        {
            window = WithinPhases(series.Select((p, i) => (p.Minutes, p.Value, Phase: phases[i] ?? "")).Where(p => p.Minutes >= warmupMinutes).ToList());
        }
        var third = window.Count / 3;
        double Mean(IEnumerable<(double Minutes, double Value)> part) => part.Select(p => p.Value).DefaultIfEmpty(double.NaN).Average();
        var slope = Stats.Slope(window);
        var length = window.Count > 1 ? window[^1].Minutes - window[0].Minutes : double.NaN;
        return new Trend(measure,
            series.Count > 0 ? series[0].Value : double.NaN,
            asRead.Count > 0 ? asRead[0].Value : double.NaN,
            series.Count > 0 ? series[^1].Value : double.NaN,
            slope * 10,
            slope * length,
            third > 0 ? Mean(window.Take(third)) : double.NaN,
            third > 0 ? Mean(window.Skip(third).Take(window.Count - 2 * third)) : double.NaN,
            third > 0 ? Mean(window.Skip(window.Count - third)) : double.NaN);
    }

    private static List<(double Minutes, double Value)> WithinPhases(List<(double Minutes, double Value, string Phase)> window)
    {
        if (window.Count == 0)
        {
            return [];
        }
        var overall = window.Average(p => p.Value);
        var byPhase = window.GroupBy(p => p.Phase, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Average(p => p.Value), StringComparer.Ordinal);
        return window.Select(p => (p.Minutes, p.Value - byPhase[p.Phase] + overall)).ToList();
    }

    /// <summary>"no upward trend", "rising" (with what failed), or "too few samples" (under 3 after the warm-up).</summary>
    public string Verdict
    {
        get
        {
            if (double.IsNaN(FirstThirdMean) || double.IsNaN(Rise))
            {
                return "too few samples";
            }
            var riseFails = Rise > 0 && Rise >= MaxRiseShare * FirstThirdMean;
            var thirdsFail = LastThirdMean > MaxThirdsGrowth * MiddleThirdMean;
            return (riseFails, thirdsFail) switch
            {
                (false, false) => "no upward trend",
                (true, true) => "rising (slope and thirds)",
                (true, false) => "rising (slope)",
                _ => "rising (last third)",
            };
        }
    }

    /// <summary>The summary table of a soak: one row per measure.</summary>
    public static Markdown Table(Markdown md, IEnumerable<Trend> trends, double warmupMinutes) =>
        md.Paragraph($"Trend over the samples from minute {Number(warmupMinutes, 1)} on (warm-up before). {Rule}")
            .Table(["measure", "start", "after warm-up", "end", "least-squares slope / 10 min", "rise over the window", "last third ÷ middle third", "verdict"],
                trends.Select(t => (IReadOnlyList<string>)
                [
                    t.Measure, Number(t.Start, 1), Number(t.WarmedUp, 1), Number(t.End, 1), Signed(t.SlopePer10Minutes), Signed(t.Rise),
                    Ratio(t.LastThirdMean, t.MiddleThirdMean), t.Verdict,
                ]));

    private static string Signed(double value) =>
        double.IsNaN(value) ? "—" : value.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture);
}
