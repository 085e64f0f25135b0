using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Domain.Reporting;

/// <summary>
/// One text a department owes: its annual report or its plan, of <paramref name="Year"/>: the year whose 30 November it
/// is due by. An annual report reports on that year; a plan plans the year after (<see cref="PlannedYear"/>).
/// </summary>
public readonly record struct DepartmentDuty(DepartmentReportKind Kind, int Year)
{
    /// <summary>The year the text is about: the year itself for an annual report, the next one for a plan.</summary>
    public int PlannedYear => Kind == DepartmentReportKind.Plan ? Year + 1 : Year;

    /// <summary>
    /// The last moment it counts as on time: the campaign's annual due day of the year (30 November), 23:59:59 China
    /// Standard Time: the very deadline of the localities' annual reports.
    /// </summary>
    public DateTimeOffset Deadline(Campaign campaign) => campaign.DeadlineFor(ReportKind.Annual, ReportPeriod.OfYear(Year));

    public DateOnly DueDay(Campaign campaign) => ChinaTime.DateAt(Deadline(campaign));

    public bool IsOnTime(Campaign campaign, DateTimeOffset submittedAt) => submittedAt <= Deadline(campaign);
}
