using System.Globalization;
using Bunit;
using Dapper;
using GreenCommunity.Dashboard.Components.Controls.Overview;
using GreenCommunity.Dashboard.Components.Pages;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Components;

/// <summary>The cards answer "which localities are behind, and on what": each milestone is set for each locality.</summary>
public sealed class MilestoneVerdictTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    private static readonly DateOnly s_startedDue = new(2022, 6, 30);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Render_AfterTheDueDate_NamesEachLocalityBelowThirtyPercentOnThatDayWithItsShortfall()
    {
        // Arrange: each locality's started communities on 2022-06-30, straight from the stage events; 30% of n is ⌈0.3 n⌉.
        var figures = await StartedOnAsync(s_startedDue);
        var expected = figures
            .Select(f => (f.Locality, Gap: (int)Math.Ceiling(Math.Round(f.Communities * 0.3, 9)) - (int)f.Started, Share: (double)f.Started / f.Communities))
            .Where(f => f.Gap > 0)
            .OrderByDescending(f => f.Gap).ThenBy(f => f.Share).ThenBy(f => f.Locality, StringComparer.Ordinal)
            .ToList();
        var today = await Live.GetAsync(null, Ct);

        // Act
        var cut = Render<Overview>();
        cut.WaitForElement("[data-testid='started-verdict']");

        // Assert: today every locality is past 30%, so only the due date's figures can name these.
        Assert.NotEmpty(expected);
        Assert.All(today.Province.Children, l => Assert.True(l.Figures.StartedRate >= 0.3));
        var verdict = cut.Find("[data-testid='started-verdict']");
        Assert.Equal("false", verdict.GetAttribute("data-met"));
        Assert.Contains("未达成", verdict.TextContent, StringComparison.Ordinal);
        Assert.Equal($"共差{expected.Sum(e => e.Gap)}个", cut.Find("[data-testid='started-gap']").TextContent.Trim());
        Assert.Equal("按到期日（2022-06-30）数据判定", cut.Find("[data-testid='started-judged']").TextContent.Trim());
        Assert.Equal($"17个市州中{expected.Count}个未达到：", cut.Find("[data-testid='started-localities']").TextContent.Trim());
        var named = cut.FindAll("[data-testid='started-below'] li");
        Assert.Equal(expected.Select(e => (e.Locality, e.Gap)),
            named.Select(li => (li.GetAttribute("data-code")!, int.Parse(li.GetAttribute("data-gap")!, CultureInfo.InvariantCulture))));
        var first = today.Province.Find(expected[0].Locality)!.Region.Name;
        Assert.Equal($"{first} 差{expected[0].Gap}个", named[0].TextContent.Trim());
    }

    [Fact]
    public async Task Build_ProvinceWideRateAboveTheTargetButOneLocalityBelow_IsNotMetUntilThatLocalityMeetsIt()
    {
        // Arrange: on the due day, every locality fully started but Yichang, one community short of 30%.
        var real = await Live.GetAsync(s_startedDue, Ct);
        var oneShort = With(real, (code, f) => code == "420500" ? Started(f, Required(f) - 1) : Started(f, f.Communities));
        var allThere = With(real, (code, f) => code == "420500" ? Started(f, Required(f)) : Started(f, f.Communities));

        // Act
        var missed = OverviewModelBuilder.Build(oneShort, null).Started!;
        var met = OverviewModelBuilder.Build(allThere, null).Started!;
        var cut = Render<MilestoneVerdict>(p => p.Add(v => v.Status, missed).Add(v => v.TestId, "started"));

        // Assert
        Assert.True(missed.Measure > 0.9);   // the province-wide rate is far past 30%: it is not the verdict
        Assert.False(missed.Met);
        Assert.Equal([("420500", 1)], missed.Below.Select(s => (s.Region.Code, s.Gap)));
        Assert.Contains("尚未达成", cut.Find("[data-testid='started-verdict']").TextContent, StringComparison.Ordinal);   // due today: not final yet
        Assert.Equal("宜昌市 差1个", cut.Find("[data-testid='started-below'] li").TextContent.Trim());
        Assert.True(met.Met);
        Assert.Empty(met.Below);
        var metCut = Render<MilestoneVerdict>(p => p.Add(v => v.Status, met).Add(v => v.TestId, "started"));
        Assert.Equal("17个市州全部达到", metCut.Find("[data-testid='started-localities']").TextContent.Trim());
    }

    [Fact]
    public async Task Render_BeforeTheDueDate_JudgesOnTheDayShown()
    {
        // Arrange
        var day = new DateOnly(2022, 3, 31);
        var figures = await StartedOnAsync(day);
        var below = figures.Count(f => f.Started < Math.Ceiling(Math.Round(f.Communities * 0.3, 9)));

        Services.GetRequiredService<NavigationManager>().NavigateTo($"/?asOf={IsoDay.Text(day)}");

        // Act
        var cut = Render<Overview>();
        cut.WaitForAssertion(() => Assert.Contains("2022-03-31", cut.Find("[data-testid='as-of']").TextContent, StringComparison.Ordinal));

        // Assert
        Assert.Equal("2022-06-30到期，按所示日期数据判定", cut.Find("[data-testid='started-judged']").TextContent.Trim());
        Assert.Contains("尚未达成", cut.Find("[data-testid='started-verdict']").TextContent, StringComparison.Ordinal);
        Assert.Equal($"17个市州中{below}个尚未达到：", cut.Find("[data-testid='started-localities']").TextContent.Trim());
        Assert.Equal(below, cut.FindAll("[data-testid='started-below'] li").Count);
        // Early on most localities are behind: the worst six in view, the others one click away.
        Assert.True(below > 8);
        Assert.Equal(6, cut.FindAll("[data-testid='started-below'] > ul > li").Count);
        Assert.Equal($"另{below - 6}个", cut.Find("[data-testid='started-below'] details summary").TextContent.Trim());
    }

    [Fact]
    public async Task Render_LocalityPastTheTargetTodayButShortOnTheDueDate_BarShowsTheDayAndTheVerdictItsOwnFigure()
    {
        // Arrange: 神农架林区 started few communities by 2022-06-30 and most since (the bar was full and orange beside "未达成 差2个").
        var onDue = (await StartedOnAsync(s_startedDue)).Single(f => f.Locality == "429021");
        var gap = (int)Math.Ceiling(Math.Round(onDue.Communities * 0.3, 9)) - (int)onDue.Started;
        var today = (await Live.GetAsync(null, Ct)).Province.Find("429021")!.Figures;

        // Act
        var cut = Render<LocalityPage>(p => p.Add(l => l.Code, "429021"));
        cut.WaitForElement("[data-testid='started-bar']");

        // Assert
        Assert.True(gap > 0);
        Assert.True(today.StartedRate >= 0.3);
        var bar = cut.Find("[data-testid='started-bar']");
        Assert.Equal($"{IsoDay.Text(Live.Today)}：{today.StartedRate.ToString("P1", CultureInfo.CurrentCulture)}，目标30%", bar.GetAttribute("aria-label"));
        Assert.DoesNotContain("color-warning", bar.InnerHtml, StringComparison.Ordinal);   // the bar is the day's figure, not the due date's verdict
        Assert.DoesNotContain("color-success", bar.InnerHtml, StringComparison.Ordinal);
        Assert.Equal($"差{gap}个", cut.Find("[data-testid='started-gap']").TextContent.Trim());
        Assert.Equal($"按到期日（2022-06-30）数据判定：{((double)onDue.Started / onDue.Communities).ToString("P1", CultureInfo.CurrentCulture)}",
            cut.Find("[data-testid='started-judged']").TextContent.Trim());
    }

    [Fact]
    public void Render_LocalityPage_CountyRowsCountPilotsWithoutMarkingThemAgainstTheLocalitysTarget()
    {
        // Act: 1–2 pilots is each locality's target; Wuhan's two pilots sit in two of its thirteen districts.
        var province = Render<Overview>();
        province.WaitForElement("[data-testid='locality-table'] td[data-col='pilots']");
        var wuhan = Render<LocalityPage>(p => p.Add(l => l.Code, "420100"));
        wuhan.WaitForElement("[data-testid='district-comparison'] tbody td[data-col='pilots']");

        // Assert
        Assert.All(province.FindAll("[data-testid='locality-table'] td[data-col='pilots']"), cell => Assert.NotNull(cell.QuerySelector(".target-mark")));
        var counties = wuhan.FindAll("[data-testid='district-comparison'] tbody td[data-col='pilots']");
        Assert.Equal(13, counties.Count);
        Assert.All(counties, cell => Assert.Null(cell.QuerySelector(".target-mark")));
    }

    [Fact]
    public async Task Render_Counts_SayPilotStageNowApartFromEverAPilot()
    {
        // Arrange
        var (now, ever) = (await QueryAsync<(long Now, long Ever)>("SELECT SUM(stage = 1), SUM(pilot = 1) FROM community_state")).Single();

        // Act
        var cut = Render<Overview>();
        cut.WaitForElement("[data-testid='stage-pilot']");

        // Assert
        Assert.Equal($"试点阶段 {now:N0}", Normalize(cut.Find("[data-testid='stage-pilot']").TextContent));
        Assert.Equal("曾列为试点的社区", cut.Find("[data-testid='pilots'] h2").TextContent.Trim());
        Assert.Equal(ever.ToString("N0", CultureInfo.CurrentCulture), cut.Find("[data-testid='pilots-value']").TextContent.Trim());
        Assert.Contains("含已验收的试点", cut.Find("[data-testid='pilots']").TextContent, StringComparison.Ordinal);
        Assert.Contains("曾列试点", cut.Find("thead").TextContent, StringComparison.Ordinal);
    }

    private LiveProgress Live => Factory.Services.GetRequiredService<LiveProgress>();

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static int Required(ProgressFigures f) => (int)Math.Ceiling(Math.Round(f.Communities * 0.3, 9));

    private static ProgressFigures Started(ProgressFigures f, int started) => new(f.Communities, f.Communities - started, 0, started, 0, f.PilotsEver);

    /// <summary>The snapshot with each locality's figures changed (judged on the day itself), the province's their sum.</summary>
    private static ProgressSnapshot With(ProgressSnapshot snapshot, Func<string, ProgressFigures, ProgressFigures> change)
    {
        var children = snapshot.Province.Children.Select(c => c with { Figures = change(c.Region.Code, c.Figures) }).ToList();
        var province = snapshot.Province with { Children = children, Figures = children.Aggregate(ProgressFigures.Empty, (sum, c) => sum.Add(c.Figures)) };
        return new ProgressSnapshot
        {
            Day = snapshot.Day,
            Campaign = snapshot.Campaign,
            Province = province,
            Judged = snapshot.Campaign.Milestones.ToDictionary(m => m.Kind, _ => province),
            Series = snapshot.Series,
            Shares = snapshot.Shares,
            Reporting = snapshot.Reporting,
            Layers = snapshot.Layers,
        };
    }

    private Task<List<(string Locality, long Communities, long Started)>> StartedOnAsync(DateOnly day) =>
        QueryAsync<(string Locality, long Communities, long Started)>(
            """
            WITH latest AS (
                SELECT community_code, stage FROM (
                    SELECT community_code, stage, ROW_NUMBER() OVER (PARTITION BY community_code ORDER BY effective DESC, id DESC) AS rn
                      FROM stage_events WHERE effective <= @day) WHERE rn = 1)
            SELECT c.locality_code, COUNT(*), SUM(COALESCE(l.stage, 0) > 0)
              FROM communities c LEFT JOIN latest l ON l.community_code = c.code
             GROUP BY c.locality_code
            """, new { day = IsoDay.Text(day) });

    private async Task<List<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = await Factory.Services.GetRequiredService<StoreDatabase>().OpenAsync(Ct);
        return (await connection.QueryAsync<T>(sql, args)).ToList();
    }
}
