using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Domain.Reporting;

/// <summary>
/// Whether the provincial departments send their annual reports and plans on time: which they owe up to a day, which
/// years they may send, and where each stands on a day. Pure: the receipts come from the store.
/// </summary>
public static class DepartmentCompliance
{
    /// <summary>
    /// Every text owed up to a day: for each year from the campaign's first to the day's, its annual report and its plan
    /// for the next year, years oldest first. As with the localities, the day and not the campaign's end bounds it.
    /// </summary>
    public static IReadOnlyList<DepartmentDuty> DutiesUntil(Campaign campaign, DateOnly day) =>
        day < campaign.Start
            ? []
            : [.. Enumerable.Range(campaign.Start.Year, day.Year - campaign.Start.Year + 1)
                .SelectMany(year => new[] { new DepartmentDuty(DepartmentReportKind.Annual, year), new DepartmentDuty(DepartmentReportKind.Plan, year) })];

    /// <summary>The years a department may send for on a day: from the campaign's first to the day's (nothing for a later year).</summary>
    public static (int First, int Last) Years(Campaign campaign, DateOnly today) => (campaign.Start.Year, today.Year);

    /// <summary>
    /// A duty at the end of <paramref name="day"/> (China Standard Time), judged exactly as a locality's annual report of
    /// the same year, whose deadline it shares: on time, late by whole days, missing, or due with days left.
    /// </summary>
    public static DepartmentDutyStatus StatusOn(Campaign campaign, DepartmentDuty duty, DateTimeOffset? receivedAt, DateOnly day)
    {
        var same = ReportingCompliance.StatusOn(campaign, ReportDuty.Annual(duty.Year), receivedAt, day);
        return new DepartmentDutyStatus(duty, same.DueDay, same.State, same.Days, same.ReceivedAt);
    }
}
