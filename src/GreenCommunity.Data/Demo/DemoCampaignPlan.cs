using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Demo;

/// <summary>
/// Plans a realistic campaign, deterministic for a seed: each locality sends its plan, monthly reports
/// (some late, a few missing and caught up in the next one) and annual reports; pilots start first; the
/// province accepts ready communities in rounds. Localities get uneven paces, so that some miss each
/// milestone and others beat it. After the campaign the localities keep reporting by the calendar
/// (<see cref="DemoReportingCalendar"/>) up to the present.
/// </summary>
public static class DemoCampaignPlan
{
    public const string ProvinceSubmitter = SubmitterScope.ProvinceDepartment;

    // Paces relative to the targets; each list has values below and above 1 so every milestone has laggards and leaders.
    private static readonly double[] s_startPaces = [0.70, 0.80, 0.88, 0.95, 1.0, 1.03, 1.06, 1.1, 1.15, 1.2, 1.25, 1.3, 1.35, 1.4, 1.5, 0.9, 1.08];
    private static readonly double[] s_acceptPaces = [0.75, 0.85, 0.9, 0.95, 0.98, 1.02, 1.05, 1.08, 1.1, 1.12, 1.15, 1.2, 1.25, 1.3, 0.8, 1.0, 1.04];
    private static readonly int[] s_pilotCounts = [0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 1, 2, 3, 2, 2];

    /// <param name="until">Now: the history holds what has arrived by then, the campaign's and, after it, the long-term reporting's.</param>
    public static IReadOnlyList<PlannedReport> Create(IReadOnlyList<DemoLocality> localities, Campaign campaign, int seed, DateTimeOffset until)
    {
        var rng = new Random(seed);
        var calendar = new DemoReportingCalendar(campaign, seed);
        var startPaces = Shuffled(s_startPaces, rng);
        var acceptPaces = Shuffled(s_acceptPaces, rng);
        var pilotCounts = Shuffled(s_pilotCounts, rng);
        var reports = new List<PlannedReport>();
        for (var i = 0; i < localities.Count; i++)
        {
            var profile = new LocalityProfile(
                startPaces[i % startPaces.Length], acceptPaces[i % acceptPaces.Length], pilotCounts[i % pilotCounts.Length],
                LateShare: 0.03 + rng.NextDouble() * 0.25, MissingShare: rng.NextDouble() * 0.08);
            var simulation = new LocalitySimulation(localities[i], profile, campaign, calendar, new Random(unchecked(seed * 7919 + i)));
            reports.AddRange(simulation.Run());
            reports.AddRange(simulation.RunLongTerm(until));
        }
        return reports.Where(r => r.ReceivedAt <= until)
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.Report.Locality, StringComparer.Ordinal).ToList();
    }

    private static T[] Shuffled<T>(T[] values, Random rng)
    {
        var copy = values.ToArray();
        rng.Shuffle(copy);
        return copy;
    }
}
