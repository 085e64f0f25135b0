using System.Globalization;
using Bunit;
using Dapper;
using GreenCommunity.Dashboard.Components.Pages;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Components;

public sealed class OverviewTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task Render_SeededDatabase_ShowsSeventeenLocalitiesThatReconcileWithTheRows()
    {
        // Arrange
        var expected = await QueryAsync<(string Locality, long Communities, long Started, long Accepted)>(
            """
            SELECT c.locality_code, COUNT(*), SUM(s.stage > 0), SUM(s.stage = 3)
              FROM communities c JOIN community_state s ON s.community_code = c.code
             GROUP BY c.locality_code
            """);

        // Act
        var cut = Render<Overview>();
        cut.WaitForElement("tr.locality-row");

        // Assert
        var rows = cut.FindAll("tr.locality-row");
        Assert.Equal(17, rows.Count);
        foreach (var (locality, communities, started, accepted) in expected)
        {
            var row = rows.Single(r => r.QuerySelector($"td[data-code='{locality}']") is not null);
            Assert.Equal(communities, ParseCount(row.QuerySelector("td[data-col='communities']")!.TextContent));
            Assert.Equal(started, ParseCount(row.QuerySelector("td[data-col='started']")!.TextContent));
            Assert.Equal(accepted, ParseCount(row.QuerySelector("td[data-col='accepted']")!.TextContent));
        }
        Assert.Equal(5222, ParseCount(cut.Find("td[data-col='total-communities']").TextContent));
        Assert.Equal(expected.Sum(e => e.Started), ParseCount(cut.Find("td[data-col='total-started']").TextContent));
        Assert.Equal(expected.Sum(e => e.Accepted), ParseCount(cut.Find("[data-testid='accepted-value']").TextContent));
        Assert.Contains("武汉市", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_AfterTheDueDate_MarksLocalitiesBelowThirtyPercentOnThatDay()
    {
        // Arrange: started share on 2022-06-30, recomputed straight from the stage events.
        var shares = await QueryAsync<(string Locality, double Share)>(
            """
            WITH latest AS (
                SELECT community_code, stage FROM (
                    SELECT community_code, stage, ROW_NUMBER() OVER (PARTITION BY community_code ORDER BY effective DESC, id DESC) AS rn
                      FROM stage_events WHERE effective <= '2022-06-30') WHERE rn = 1)
            SELECT c.locality_code, AVG(COALESCE(l.stage, 0) > 0)
              FROM communities c LEFT JOIN latest l ON l.community_code = c.code
             GROUP BY c.locality_code
            """);

        // Act
        var cut = Render<Overview>();
        cut.WaitForElement("tr.locality-row");

        // Assert
        Assert.Contains(shares, s => s.Share < 0.30);
        Assert.Contains(shares, s => s.Share >= 0.30);
        foreach (var (locality, share) in shares)
        {
            var cell = cut.FindAll("tr.locality-row").Single(r => r.QuerySelector($"td[data-code='{locality}']") is not null)
                .QuerySelector("td[data-col='started-rate'] .target-mark")!;
            Assert.Equal(share >= 0.30 ? "达到目标" : "未达目标", cell.QuerySelector("title")?.TextContent ?? cell.GetAttribute("title"));
        }
    }

    [Fact]
    public void SortByCommunities_Click_PutsTheSmallestLocalityFirst()
    {
        // Arrange
        var cut = Render<Overview>();
        cut.WaitForElement("tr.locality-row");

        // Act
        cut.FindAll("th button.sort-label").Single(e => e.TextContent.Contains("城市社区", StringComparison.Ordinal)).Click();

        // Assert: the click's render may follow the page's own first renders (a fresh factory computes its first snapshot).
        cut.WaitForAssertion(() =>
            Assert.Equal("429021", cut.FindAll("tr.locality-row")[0].QuerySelector("td[data-code]")!.GetAttribute("data-code")));   // 神农架林区, 12 communities
    }

    [Fact]
    public async Task Render_Default_OrdersTheTableByTheDistanceToTheTargetFurthestBehindFirst()
    {
        // Arrange: today the target kept is 60% accepted (the last milestone), on today's figures.
        var figures = await QueryAsync<(string Locality, long Communities, long Accepted)>(
            """
            SELECT c.locality_code, COUNT(*), SUM(s.stage = 3)
              FROM communities c JOIN community_state s ON s.community_code = c.code
             GROUP BY c.locality_code
            """);
        var expected = figures
            .Select(f => (f.Locality, Points: Math.Round(((double)f.Accepted / f.Communities - 0.6) * 100, 6), Gap: Math.Max(0, (long)Math.Ceiling(Math.Round(f.Communities * 0.6, 9)) - f.Accepted)))
            .OrderBy(f => f.Points).ThenByDescending(f => f.Gap)
            .ToList();

        // Act
        var cut = Render<Overview>();
        cut.WaitForElement("tr.locality-row");

        // Assert
        var rows = cut.FindAll("tr.locality-row");
        Assert.Equal(expected.Select(e => e.Locality), rows.Select(r => r.QuerySelector("td[data-code]")!.GetAttribute("data-code")));
        var header = cut.FindAll("thead th").Single(th => th.GetAttribute("aria-sort") is not null);
        Assert.Equal("ascending", header.GetAttribute("aria-sort"));
        Assert.StartsWith("距目标（达标率60%）", header.TextContent.Trim(), StringComparison.Ordinal);
        var first = expected[0];
        Assert.Equal($"落后{(-first.Points).ToString("0.#", CultureInfo.CurrentCulture)}个百分点 · 差{first.Gap}个", rows[0].QuerySelector("td[data-col='target']")!.TextContent.Trim());
        Assert.Equal($"共差{expected.Sum(e => e.Gap)}个", cut.Find("td[data-col='total-target']").TextContent.Trim());
    }

    private static long ParseCount(string text) => long.Parse(text.Trim(), NumberStyles.AllowThousands | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture);

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = await Factory.Services.GetRequiredService<StoreDatabase>().OpenAsync(Xunit.TestContext.Current.CancellationToken);
        return (await connection.QueryAsync<T>(sql)).ToList();
    }
}
