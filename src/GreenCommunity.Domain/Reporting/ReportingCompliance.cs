using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Domain.Reporting;

/// <summary>
/// Whether localities send their reports on time: which reports the campaign asks for up to a day, and where each
/// stands on that day given the first receipt that counts. Pure: the receipts come from the store.
/// </summary>
public static class ReportingCompliance
{
    /// <summary>
    /// Every report owed up to a day: the implementation plan, each month's report from the campaign's first month to the
    /// day's month, and the annual report of each year from the campaign's first to the day's. Reporting goes on after the
    /// campaign's end (long-term management), so the day, not the campaign's end, bounds the list. Plan first, then
    /// months, then years, each oldest first.
    /// </summary>
    public static IReadOnlyList<ReportDuty> DutiesUntil(Campaign campaign, DateOnly day)
    {
        if (day < campaign.Start)
        {
            return [];
        }
        var duties = new List<ReportDuty> { ReportDuty.Plan(campaign.Start.Year) };
        duties.AddRange(campaign.MonthsUntil(day).Select(p => new ReportDuty(ReportKind.Monthly, p)));
        for (var year = campaign.Start.Year; year <= day.Year; year++)
        {
            duties.Add(ReportDuty.Annual(year));
        }
        return duties;
    }

    /// <summary>
    /// A duty at the end of <paramref name="day"/> (China Standard Time). A receipt after that day is not known yet, so it
    /// does not count. Without a receipt the duty is due until the end of its due day and missing from the next day on.
    /// </summary>
    public static DutyStatus StatusOn(Campaign campaign, ReportDuty duty, DateTimeOffset? receivedAt, DateOnly day)
    {
        var deadline = campaign.DeadlineFor(duty.Kind, duty.Period);
        var dueDay = ChinaTime.DateAt(deadline);
        if (receivedAt is { } received && received < ChinaTime.StartOfDay(day.AddDays(1)))
        {
            return received <= deadline
                ? new DutyStatus(duty, dueDay, ComplianceState.OnTime, 0, received)
                : new DutyStatus(duty, dueDay, ComplianceState.Late, DaysLate(deadline, received), received);
        }
        return day > dueDay
            ? new DutyStatus(duty, dueDay, ComplianceState.Missing, day.DayNumber - dueDay.DayNumber, null)
            : new DutyStatus(duty, dueDay, ComplianceState.Due, dueDay.DayNumber - day.DayNumber, null);
    }

    /// <summary>
    /// Whole days in China after the deadline's day: anything on the day after (from 00:00:00) is one day late, the day
    /// after that two. A receipt later on the deadline's own day, after 23:59:59, still counts one.
    /// </summary>
    public static int DaysLate(DateTimeOffset deadline, DateTimeOffset receivedAt) =>
        receivedAt <= deadline ? 0 : Math.Max(1, ChinaTime.DateAt(receivedAt).DayNumber - ChinaTime.DateAt(deadline).DayNumber);

    /// <summary>
    /// The receipt that decides a duty among a locality's first receipts: the one of its kind and period; for the plan,
    /// owed once, the earliest plan whatever year it names.
    /// </summary>
    public static DateTimeOffset? ReceiptFor(ReportDuty duty, IEnumerable<FirstReceipt> receipts) =>
        duty.Kind == ReportKind.Plan
            ? receipts.Where(r => r.Kind == ReportKind.Plan).Select(r => (DateTimeOffset?)r.ReceivedAt).Min()
            : receipts.Where(r => r.Kind == duty.Kind && r.Period == duty.Period).Select(r => (DateTimeOffset?)r.ReceivedAt).Min();
}
