using System.Globalization;
using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Data.Demo;

/// <summary>
/// When each locality's report arrives in the demo after the campaign, against the reporting calendar (monthly by the
/// 25th, annual by 30 November, China Standard Time): most between the 10th and the 25th, some late, a few never.
/// The seeded history and the live feed ask the same calendar, so a month reads the same whichever sent its reports.
/// Deterministic for a seed, a locality and a period, without any state.
/// </summary>
public sealed class DemoReportingCalendar(Campaign campaign, int seed)
{
    /// <summary>About one locality in seventeen misses a month.</summary>
    public const double MissingShare = 0.06;

    /// <summary>About two or three localities in seventeen report a month late.</summary>
    public const double LateShare = 0.14;

    /// <summary>This month's report of a locality: when it arrives, or null when it never does.</summary>
    public DateTimeOffset? MonthlyReceipt(string locality, ReportPeriod period)
    {
        var rng = RandomFor(locality, period);
        var roll = rng.NextDouble();
        if (roll < MissingShare)
        {
            return null;
        }
        var due = DateOnly.FromDateTime(campaign.DeadlineFor(ReportKind.Monthly, period).DateTime);
        var day = roll < MissingShare + LateShare
            ? due.AddDays(rng.Next(1, 14))                                   // the 26th to the 8th of the next month
            : rng.NextDouble() < 0.85
                ? due.AddDays(-rng.Next(0, due.Day - 9))                     // the 10th to the 25th
                : period.FirstDay.AddDays(rng.Next(0, 9));                   // early: the 1st to the 9th
        return At(day, rng);
    }

    /// <summary>A locality's annual report (due 30 November): mostly in the fortnight before, now and then a few days late.</summary>
    public DateTimeOffset AnnualReceipt(string locality, int year)
    {
        var period = ReportPeriod.OfYear(year);
        var rng = RandomFor(locality, period);
        var due = DateOnly.FromDateTime(campaign.DeadlineFor(ReportKind.Annual, period).DateTime);
        var day = rng.NextDouble() < LateShare ? due.AddDays(rng.Next(1, 11)) : due.AddDays(-rng.Next(0, 16));
        return At(day, rng);
    }

    /// <summary>
    /// The monthly reports the calendar has brought due by <paramref name="now"/> and that were not sent yet: this month's,
    /// and last month's that were to come late. <paramref name="sent"/> tells whether a locality sent its report for a period.
    /// </summary>
    public IReadOnlyList<(string Locality, ReportPeriod Period)> Due(IEnumerable<string> localities, DateTimeOffset now, Func<string, ReportPeriod, bool> sent)
    {
        var today = ChinaTime.DateAt(now);
        var current = ReportPeriod.OfMonth(today.Year, today.Month);
        var previousMonth = current.FirstDay.AddMonths(-1);
        var previous = ReportPeriod.OfMonth(previousMonth.Year, previousMonth.Month);
        var due = new List<(string, ReportPeriod)>();
        foreach (var locality in localities)
        {
            foreach (var period in new[] { previous, current })
            {
                if (MonthlyReceipt(locality, period) is { } receipt && receipt <= now && !sent(locality, period))
                {
                    due.Add((locality, period));
                }
            }
        }
        return due;
    }

    /// <summary>Until a month's deadline a locality that has reported may send more news that month, still on time.</summary>
    public bool AcceptsMoreNews(DateTimeOffset now)
    {
        var today = ChinaTime.DateAt(now);
        return now <= campaign.DeadlineFor(ReportKind.Monthly, ReportPeriod.OfMonth(today.Year, today.Month));
    }

    // Not string.GetHashCode: that differs from one process to the next.
    private Random RandomFor(string locality, ReportPeriod period) =>
        new(unchecked((seed * 1_000_003) + (int.Parse(locality, CultureInfo.InvariantCulture) * 7919) + (period.Year * 13) + (period.Month ?? 0)));

    private static DateTimeOffset At(DateOnly day, Random rng) =>
        ChinaTime.StartOfDay(day).AddHours(rng.Next(8, 18)).AddMinutes(rng.Next(0, 60)).AddSeconds(rng.Next(0, 60));
}
