using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Data.Tests.Demo;

/// <summary>The demo reports by the calendar (monthly by the 25th, China Standard Time): on time, late and missing all occur.</summary>
public sealed class DemoCalendarTests(DemoStoreFixture fixture) : IClassFixture<DemoStoreFixture>
{
    private static readonly string[] s_localities =
        ["420100", "420200", "420300", "420500", "420600", "420700", "420800", "420900", "421000", "421100", "421200", "421300", "422800", "429004", "429005", "429006", "429021"];

    private static readonly ReportPeriod s_november = ReportPeriod.OfMonth(2026, 11);

    private static DemoReportingCalendar Calendar => new(TestStore.Campaign, 2021);

    [Fact]
    public async Task Play_After25th_ThisMonthsReportsAreOnTimeLateAndMissing()
    {
        // Act
        var sent = await new ReportQueries(fixture.Store.Database).MonthlyReportsAsync("2026-11", DemoStoreFixture.Now, TestContext.Current.CancellationToken);

        // Assert: most localities reported by the 25th, some after it, and at least one not at all.
        Assert.InRange(sent.Count(s => s.Value), 10, 16);
        Assert.InRange(sent.Count(s => !s.Value), 1, 6);
        Assert.InRange(17 - sent.Count, 1, 4);
    }

    [Fact]
    public async Task Play_FixedNow_NothingArrivesAfterNow()
    {
        // Act
        var latest = await new ReportQueries(fixture.Store.Database).ListAsync(null, null, 1, 1, TestContext.Current.CancellationToken);

        // Assert
        Assert.True(latest.Items[0].ReceivedAt <= DemoStoreFixture.Now, $"{latest.Items[0].ReceivedAt:O} is after now");
        Assert.True(latest.Items[0].ReceivedAt >= DemoStoreFixture.Now.AddDays(-5), "the history reaches the present");
    }

    [Fact]
    public void MonthlyReceipt_FourYears_MostlyBetweenThe10thAndThe25thSomeLateFewMissing()
    {
        // Arrange
        var periods = Enumerable.Range(0, 48).Select(i => new DateOnly(2023, 1, 1).AddMonths(i)).Select(d => ReportPeriod.OfMonth(d.Year, d.Month)).ToList();

        // Act
        var receipts = (from period in periods from locality in s_localities select (period, Receipt: Calendar.MonthlyReceipt(locality, period))).ToList();
        var arrived = receipts.Where(r => r.Receipt is not null).ToList();
        var onTime = arrived.Where(r => TestStore.Campaign.IsOnTime(ReportKind.Monthly, r.period, r.Receipt!.Value)).ToList();
        var midMonth = onTime.Count(r => ChinaTime.DateAt(r.Receipt!.Value).Day is >= 10 and <= 25);

        // Assert
        var all = (double)receipts.Count;
        Assert.InRange(onTime.Count / all, 0.70, 0.88);
        Assert.InRange((arrived.Count - onTime.Count) / all, 0.08, 0.22);
        Assert.InRange((receipts.Count - arrived.Count) / all, 0.02, 0.10);
        Assert.InRange(midMonth / (double)onTime.Count, 0.75, 0.95);
        Assert.All(arrived, r => Assert.True(ChinaTime.DateAt(r.Receipt!.Value) >= r.period.FirstDay));
    }

    [Fact]
    public void Due_AroundAReportsTime_OnlyOnceTheCalendarBringsItAndUntilItIsSent()
    {
        // Arrange: a locality whose November report arrives, and one whose never does.
        var reporting = s_localities.First(l => Calendar.MonthlyReceipt(l, s_november) is not null);
        var receipt = Calendar.MonthlyReceipt(reporting, s_november)!.Value;
        var missing = s_localities.Where(l => Calendar.MonthlyReceipt(l, s_november) is null).ToList();

        // Act
        var before = Calendar.Due([reporting], receipt.AddSeconds(-1), (_, _) => false);
        var at = Calendar.Due([reporting], receipt, (_, _) => false);
        var sent = Calendar.Due([reporting], receipt, (l, p) => l == reporting && p == s_november);
        var never = Calendar.Due(missing, ChinaTime.EndOfDay(new DateOnly(2026, 11, 30)), (_, _) => false);

        // Assert
        Assert.DoesNotContain((reporting, s_november), before);
        Assert.Contains((reporting, s_november), at);
        Assert.DoesNotContain((reporting, s_november), sent);
        Assert.DoesNotContain(never, d => d.Period == s_november);
    }

    [Fact]
    public void AcceptsMoreNews_UntilThe25thChinaTime()
    {
        // Act
        var lastMoment = Calendar.AcceptsMoreNews(ChinaTime.EndOfDay(new DateOnly(2026, 11, 25)));
        var nextDay = Calendar.AcceptsMoreNews(ChinaTime.StartOfDay(new DateOnly(2026, 11, 26)));

        // Assert
        Assert.True(lastMoment);
        Assert.False(nextDay);
    }
}
