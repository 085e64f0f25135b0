using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Domain.Reporting;

/// <summary>
/// Every locality's reporting on a day: the grid of localities × duties, and the duties of the day's month (the current
/// period) with the localities that have not sent theirs. Immutable, built once per change and shared by every page.
/// </summary>
public sealed class ComplianceBoard
{
    private readonly Dictionary<string, LocalityCompliance> _byLocality;

    private ComplianceBoard(DateOnly day, IReadOnlyList<ReportDuty> duties, IReadOnlyList<LocalityCompliance> localities, IReadOnlyList<ReportDuty> current)
    {
        Day = day;
        Duties = duties;
        Localities = localities;
        Current = current;
        _byLocality = localities.ToDictionary(l => l.Locality, StringComparer.Ordinal);
    }

    public DateOnly Day { get; }

    /// <summary>The duties up to the day (<see cref="ReportingCompliance.DutiesUntil"/>): plan, months, years, oldest first.</summary>
    public IReadOnlyList<ReportDuty> Duties { get; }

    /// <summary>One row per locality, in the order given.</summary>
    public IReadOnlyList<LocalityCompliance> Localities { get; }

    /// <summary>The current period: the duties due within the day's month (its monthly report; in November the annual one too).</summary>
    public IReadOnlyList<ReportDuty> Current { get; }

    public LocalityCompliance? For(string locality) => _byLocality.GetValueOrDefault(locality);

    /// <summary>The current period's reports not received yet (due, or missing once the day is past the deadline), soonest due first.</summary>
    public IReadOnlyList<(string Locality, DutyStatus Status)> Outstanding =>
        [.. Current.SelectMany(d => Localities.Select(l => (l.Locality, Status: l[d])))
            .Where(x => x.Status.State is ComplianceState.Due or ComplianceState.Missing)
            .OrderBy(x => x.Status.DueDay)];

    /// <param name="localities">The localities' codes, in the order the rows are to have.</param>
    /// <param name="receipts">Each locality's first receipt per kind and period, received by the end of the day or later (later ones are ignored).</param>
    public static ComplianceBoard Build(Campaign campaign, DateOnly day, IEnumerable<string> localities, IEnumerable<FirstReceipt> receipts)
    {
        var duties = ReportingCompliance.DutiesUntil(campaign, day);
        var byLocality = receipts.ToLookup(r => r.Locality, StringComparer.Ordinal);
        var rows = localities.Select(code =>
        {
            var own = byLocality[code].ToList();
            var statuses = duties.ToDictionary(d => d, d => ReportingCompliance.StatusOn(campaign, d, ReportingCompliance.ReceiptFor(d, own), day));
            return new LocalityCompliance(code, statuses);
        }).ToList();
        var current = duties.Where(d => d.DueDay(campaign) is var due && due.Year == day.Year && due.Month == day.Month).ToList();
        return new ComplianceBoard(day, duties, rows, current);
    }
}
