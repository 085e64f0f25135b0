using System.Globalization;
using Bunit;
using GreenCommunity.Dashboard.Components.Pages.Compliance;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Compliance;

public sealed class CompliancePageTests(DashboardFactory factory) : ComplianceTestContext(factory), IClassFixture<DashboardFactory>
{
    private static readonly TimeSpan s_china = TimeSpan.FromHours(8);

    [Fact]
    public async Task Render_PastDay_EachLocalitysMayCellFollowsItsFirstOwnReceipt()
    {
        // Arrange: on 2022-06-30 May's report (due 2022-05-25 23:59:59) of each locality, recomputed from the table.
        SignInAs("leader", "viewer");
        var receipts = (await FirstOwnReceiptsAsync("monthly", "2022-05")).ToDictionary(r => r.Locality, r => DateTimeOffset.Parse(r.ReceivedAt, CultureInfo.InvariantCulture));
        var deadline = new DateTimeOffset(2022, 5, 25, 23, 59, 59, s_china);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/compliance?asOf=2022-06-30");

        // Act
        var cut = Render<CompliancePage>();
        cut.WaitForElement("[data-testid='compliance-grid'] tbody tr");

        // Assert
        var rows = cut.FindAll("[data-testid='compliance-grid'] tbody tr");
        Assert.Equal(17, rows.Count);
        Assert.Equal("2022-06", cut.Find("[data-testid='compliance-grid'] thead tr:nth-child(2) th").TextContent);   // newest month first
        foreach (var row in rows)
        {
            var cell = row.QuerySelector("td[data-duty='monthly:2022-05']")!;
            var expected = receipts.TryGetValue(row.GetAttribute("data-locality")!, out var received)
                ? received <= deadline ? ("on-time", "按时 ✓") : ("late", $"迟报{DateOnly.FromDateTime(received.ToOffset(s_china).DateTime).DayNumber - new DateOnly(2022, 5, 25).DayNumber}天")
                : ("missing", "未报");
            Assert.Equal(expected, (cell.GetAttribute("data-state"), cell.TextContent));
        }
        Assert.Contains(rows, r => r.QuerySelector("td[data-duty='plan:2021']")?.GetAttribute("data-state") == "on-time");
        Assert.Equal("due", rows[0].QuerySelector("td[data-duty='annual:2022']")!.GetAttribute("data-state"));   // due 30 November
    }

    [Theory]
    [InlineData(22, "还剩3天", "due")]
    [InlineData(25, "今天截止", "due")]
    [InlineData(27, "逾期2天", "missing")]
    public async Task Render_DayInAMonth_ListsWhoHasNotSentWithTheCountDown(int dayOfMonth, string countDown, string state)
    {
        // Arrange: the first month after the campaign in which some locality had not sent its report by the 27th, and
        // who had sent it by the end of the day shown.
        SignInAs("leader", "viewer");
        var period = (await Factory.QueryAsync<string>(
            """
            SELECT m.period FROM (SELECT DISTINCT period FROM reports WHERE kind = 'monthly' AND period >= '2023-01') m
             WHERE (SELECT COUNT(DISTINCT locality_code) FROM reports r
                     WHERE r.kind = 'monthly' AND r.period = m.period AND r.submitter_scope <> 'province'
                       AND r.received_at < m.period || '-27T16:00:00.000+00:00') < 17
             ORDER BY m.period LIMIT 1
            """))[0];
        var day = DateOnly.ParseExact($"{period}-{dayOfMonth:D2}", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var endOfDay = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), s_china);
        var sent = (await FirstOwnReceiptsAsync("monthly", period))
            .Where(r => DateTimeOffset.Parse(r.ReceivedAt, CultureInfo.InvariantCulture) < endOfDay).Select(r => r.Locality).ToHashSet();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/compliance?asOf={IsoDay.Text(day)}");

        // Act
        var cut = Render<CompliancePage>();
        cut.WaitForElement("[data-testid='outstanding']");

        // Assert
        var items = cut.FindAll(".outstanding-item");
        Assert.NotEmpty(items);
        Assert.Equal(17 - sent.Count, items.Count);
        Assert.All(items, i =>
        {
            Assert.DoesNotContain(i.GetAttribute("data-locality")!, sent);
            Assert.Equal(state, i.GetAttribute("data-state"));
            Assert.Equal(countDown, i.QuerySelector("[data-testid='count-down']")!.TextContent);
            Assert.Contains($"{period}月报", i.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Report_ArrivesForAMissedMonth_TodaysGridShowsItLateWithoutReload()
    {
        // Arrange: a month some locality never reported (the demo leaves a few), after the campaign.
        SignInAs("leader", "viewer");
        var (locality, period) = (await Factory.QueryAsync<(string Locality, string Period)>(
            """
            SELECT r.code, m.period FROM regions r
              CROSS JOIN (SELECT DISTINCT period FROM reports WHERE kind = 'monthly' AND period BETWEEN '2023-01' AND '2025-12') m
             WHERE r.level = 2 AND NOT EXISTS (SELECT 1 FROM reports x WHERE x.locality_code = r.code AND x.kind = 'monthly'
                                                AND x.period = m.period AND x.submitter_scope <> 'province')
             ORDER BY m.period, r.code LIMIT 1
            """))[0];
        var cut = Render<CompliancePage>();
        var selector = $"tr[data-locality='{locality}'] td[data-duty='monthly:{period}']";
        cut.WaitForAssertion(() => Assert.Equal("missing", cut.Find(selector).GetAttribute("data-state")));
        ReportPeriod.TryParse(period, monthly: true, out var missed);
        var report = new ReportSubmission(locality, ReportKind.Monthly, missed, "住房和城乡建设局", "补报", []);

        // Act
        var result = await Factory.Services.GetRequiredService<ReportIntake>()
            .SubmitAsync(report, SubmitterScope.ForLocality(locality), null, null, new Accounts.Actor("test", null), Xunit.TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(IntakeStatus.Stored, result.Status);
        cut.WaitForAssertion(() =>
        {
            Assert.Equal("late", cut.Find(selector).GetAttribute("data-state"));
            Assert.StartsWith("迟报", cut.Find(selector).TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Render_TwoPagesOnToday_ShareOneGrid()
    {
        // Arrange
        SignInAs("leader", "viewer");
        var boards = Factory.Services.GetRequiredService<GreenCommunity.Dashboard.Compliance.ComplianceBoards>();
        await boards.GetAsync(null, Xunit.TestContext.Current.CancellationToken);
        var before = boards.Recomputations;

        // Act
        var first = Render<CompliancePage>();
        var second = Render<CompliancePage>();
        first.WaitForElement("[data-testid='compliance-grid'] tbody tr");
        second.WaitForElement("[data-testid='compliance-grid'] tbody tr");

        // Assert
        Assert.Equal(before, boards.Recomputations);
    }
}
