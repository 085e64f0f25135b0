using System.Globalization;
using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Data.Demo;

/// <summary>A prefecture-level unit as the national demo sees it: its code and name, its province's name and its communities' codes.</summary>
public sealed record NationalDemoLocality(string Code, string Name, string ProvinceName, IReadOnlyList<string> Communities);

/// <summary>
/// Plans a national campaign history, deterministic for a seed: every prefecture-level unit sends its implementation
/// plan, one monthly report a month from the campaign's start to now (most by the 25th, some late) and its annual
/// reports; its communities start (the first one or two as pilots in 2021), are assessed against the 16 criteria, improve
/// and, once they meet all of them, are accepted by the province in quarterly rounds, also after the campaign. Each
/// unit has its own pace, so that started shares follow the campaign's milestones (about 30% by the first, about 60% by
/// the second) around their targets, above for some units and below for others. Only what has arrived by now is planned.
/// Every report keeps the intake's rules, so the plan can be sent through <c>ReportWriter</c> as it is, or written in
/// bulk by <see cref="NationalDemoHistory"/>.
/// </summary>
public static class NationalDemoPlan
{
    /// <summary>The reports that have arrived by <paramref name="now"/>, in receipt order (ties by locality, then as planned).</summary>
    public static IReadOnlyList<PlannedReport> Create(IReadOnlyList<NationalDemoLocality> localities, Campaign campaign, int seed, DateTimeOffset now)
    {
        var reports = new List<PlannedReport>();
        foreach (var locality in localities.OrderBy(l => l.Code, StringComparer.Ordinal))
        {
            // Each locality draws from its own sequence, so that it plans the same history whichever others are loaded.
            var rng = new Random(unchecked((seed * 1_000_003) + (int.Parse(locality.Code, CultureInfo.InvariantCulture) * 7919)));
            reports.AddRange(new NationalLocalitySimulation(locality, campaign, rng, now).Run());
        }
        return reports.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Report.Locality, StringComparer.Ordinal).ToList();
    }
}
