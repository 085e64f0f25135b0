
namespace GreenCommunity.Domain.Campaigns;

/// <summary>A creation campaign: its phases, milestones and reporting duties. Data, not code: see campaigns/*.json.</summary>
public sealed record Campaign(
    string Id,
    string Name,
    string NameEn,
    string ProvinceCode,
    DateOnly Start,
    DateOnly End,
    IReadOnlyList<Phase> Phases,
    IReadOnlyList<Milestone> Milestones,
    ReportingRules Reporting)
{
    public Phase? PhaseOn(DateOnly day) => Phases.FirstOrDefault(p => p.Contains(day));

    /// <summary>The first milestone due on or after a day; null once the last has passed.</summary>
    public Milestone? NextMilestone(DateOnly day) =>
        Milestones.Where(m => m.Due >= day).OrderBy(m => m.Due).FirstOrDefault();

    /// <summary>The due moment of a report, in China Standard Time.</summary>
    public DateTimeOffset DeadlineFor(ReportKind kind, ReportPeriod period) => kind switch
    {
        ReportKind.Monthly => ChinaTime.EndOfDay(new DateOnly(period.Year, period.Month!.Value, Reporting.MonthlyDueDay)),
        ReportKind.Annual => ChinaTime.EndOfDay(new DateOnly(period.Year, Reporting.AnnualDueMonth, Reporting.AnnualDueDay)),
        ReportKind.Plan => ChinaTime.EndOfDay(Reporting.PlanDue),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public bool IsOnTime(ReportKind kind, ReportPeriod period, DateTimeOffset receivedAt) =>
        receivedAt <= DeadlineFor(kind, period);

    /// <summary>The monthly periods from the campaign's start to a given day (inclusive).</summary>
    public IEnumerable<ReportPeriod> MonthsUntil(DateOnly day)
    {
        for (var month = new DateOnly(Start.Year, Start.Month, 1); month <= day; month = month.AddMonths(1))
        {
            yield return ReportPeriod.OfMonth(month.Year, month.Month);
        }
    }
}
