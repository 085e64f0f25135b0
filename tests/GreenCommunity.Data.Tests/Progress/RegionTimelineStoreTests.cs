using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Data.Tests.Progress;

/// <summary>
/// region_timeline kept by the write path beside county_timeline: each region's figures on a past day equal the sums of
/// the window over the history (<see cref="WindowOracle"/>), the rows kept report by report equal a full rebuild, and the
/// summary read from it equals the region's node read from the counties.
/// </summary>
public sealed class RegionTimelineStoreTests(DemoStoreFixture fixture) : IClassFixture<DemoStoreFixture>
{
    private const string Hubei = "420000";
    private const string Wuhan = "420100";
    private const string Jiangan = "420102";                  // 江岸区
    private const string Baocheng = "420102002003";           // 保成社区, 江岸区
    private const string Taining = "420102002004";
    private const string Hanyang = "420105";                  // 汉阳区
    private const string Wuchang = "420106";                  // 武昌区
    private const string Xiantao = "429004";                  // a prefecture-level unit that is its own county
    private static readonly DateTimeOffset s_received = new(2022, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetByRegionAsOf_DemoStoreOnMonthEndsAndRandomDays_EqualsTheSumsOfTheWindowOverTheHistory()
    {
        foreach (var day in WindowOracle.Days(ChinaTime.DateAt(DemoStoreFixture.Now), random: 20, seed: 16))
        {
            await RegionTimelineAssert.AssertEqualsOracleAsync(fixture.Store.Database, day);
        }
    }

    [Fact]
    public async Task Timeline_DemoStoreReportByReport_EqualsAFullRebuild()
    {
        // Arrange: the rows the demo's 440 reports left, one report at a time
        var stored = await RegionTimelineAssert.RowsAsync(fixture.Store.Database);

        // Act
        var rebuilt = await RegionTimelineAssert.RebuiltRowsAsync(fixture.Store.Database);

        // Assert
        Assert.Equal(rebuilt, stored);
        Assert.True(stored.Count(r => r.Level == RegionLevel.Prefecture) > 200, $"{stored.Count} rows");
        Assert.DoesNotContain(stored, r => r.Level == RegionLevel.Country);   // one province: it is the root
    }

    [Fact]
    public async Task Submit_ReportsIncludingABackDatedOne_KeepEachAncestorEqualToAFullRebuildAndTheHistory()
    {
        // Arrange: in progress from 05-10, another community a pilot from 05-12
        await using var store = await TestStore.CreateAsync();
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received, Update(Baocheng, Stage.InProgress, 2022, 5, 10), Update(Taining, Stage.Pilot, 2022, 5, 12));

        // Act: a late report says the first was a pilot from 04-15; another moves the second on
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received.AddDays(7), Update(Baocheng, Stage.Pilot, 2022, 4, 15));
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received.AddDays(8), Update(Taining, Stage.InProgress, 2022, 5, 25));

        // Assert
        var rows = await RegionTimelineAssert.RowsAsync(store.Database);
        Assert.Equal(await RegionTimelineAssert.RebuiltRowsAsync(store.Database), rows);
        Assert.Equal(["0001-01-01", "2022-04-15", "2022-05-10", "2022-05-12", "2022-05-25"],
            rows.Where(r => r.Code == Wuhan).Select(r => r.Day));
        Assert.Equal(new ProgressFigures(5222, 5220, 1, 1, 0, 2), rows.Single(r => r is { Code: Hubei, Day: "2022-05-12" }).Figures);
        for (var day = new DateOnly(2022, 4, 13); day <= new DateOnly(2022, 5, 27); day = day.AddDays(1))
        {
            await RegionTimelineAssert.AssertEqualsOracleAsync(store.Database, day);
        }
    }

    [Fact]
    public async Task Submit_ReportLargeEnoughForCopy_KeepsEachAncestorEqualToAFullRebuildAndTheHistory()
    {
        // Arrange: a pilot from 05-10 to move later; then a report of 120 communities with all 16 criteria, past the rows from
        // which PostgreSQL writes a report by COPY (its timeline rows then go with the present's statements, not one command)
        await using var store = await TestStore.CreateAsync();
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received, Update(Baocheng, Stage.Pilot, 2022, 5, 10));
        var criteria = GreenCommunityStandard.Criteria.ToDictionary(c => c.Number, c => c.IsShare ? 0.42 : 1.0);
        List<string> codes;
        await using (var connection = await store.Database.OpenAsync(Ct))
        {
            codes = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT code FROM communities WHERE locality_code = @Wuhan AND code <> @Baocheng ORDER BY code LIMIT 119", new { Wuhan, Baocheng },
                cancellationToken: Ct))).AsList();
        }
        CommunityUpdate[] updates =
        [
            new(Baocheng, Stage.InProgress, new DateOnly(2022, 5, 15), criteria),
            .. codes.Select((code, i) => new CommunityUpdate(code, i % 3 == 0 ? Stage.Pilot : Stage.InProgress, new DateOnly(2022, 5, 1 + (i % 19)), criteria)),
        ];
        Assert.True(updates.Length * 17 >= GreenCommunity.Data.Reports.ReportHistoryCopy.FromRows, $"{updates.Length * 17} rows");

        // Act
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received, updates);

        // Assert
        Assert.Equal(await RegionTimelineAssert.RebuiltRowsAsync(store.Database), await RegionTimelineAssert.RowsAsync(store.Database));
        for (var day = new DateOnly(2022, 4, 30); day <= new DateOnly(2022, 5, 21); day = day.AddDays(1))
        {
            await RegionTimelineAssert.AssertEqualsOracleAsync(store.Database, day);
        }
    }

    [Fact]
    public async Task Submit_SecondReportOnTheSameDay_ReplacesEachAncestorsRowOfThatDay()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        var before = await RegionTimelineAssert.RowsAsync(store.Database);
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received, Update(Baocheng, Stage.Pilot, 2022, 5, 10));

        // Act: a later report says it was in progress from the same day
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received.AddDays(1), Update(Baocheng, Stage.InProgress, 2022, 5, 10));

        // Assert: one row on 05-10 per ancestor (Wuhan, Hubei), the later report's
        var rows = await RegionTimelineAssert.RowsAsync(store.Database);
        Assert.Equal(before.Count + 2, rows.Count);
        Assert.Equal(new ProgressFigures(5222, 5221, 0, 1, 0, 1), rows.Single(r => r is { Code: Hubei, Day: "2022-05-10" }).Figures);
        Assert.Equal(await RegionTimelineAssert.RebuiltRowsAsync(store.Database), rows);
    }

    [Fact]
    public async Task Submit_SameStageBackDated_RemovesTheLaterDayFromTheCountyAndEachAncestor()
    {
        // Arrange: in progress from 05-10
        await using var store = await TestStore.CreateAsync();
        var before = await RegionTimelineAssert.RowsAsync(store.Database);
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received, Update(Baocheng, Stage.InProgress, 2022, 5, 10));

        // Act: a late report says it was in progress from 04-15 already, so 05-10 changes nothing any more
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received.AddDays(7), Update(Baocheng, Stage.InProgress, 2022, 4, 15));

        // Assert: each of the county, Wuhan and Hubei has a row on 04-15 and none on 05-10
        var rows = await RegionTimelineAssert.RowsAsync(store.Database);
        Assert.Equal(await RegionTimelineAssert.RebuiltRowsAsync(store.Database), rows);
        Assert.Equal(before.Count + 2, rows.Count);
        Assert.DoesNotContain(rows, r => r.Day == "2022-05-10");
        Assert.Equal(new ProgressFigures(5222, 5221, 0, 1, 0, 0), rows.Single(r => r is { Code: Hubei, Day: "2022-04-15" }).Figures);
        Assert.Equal(["0001-01-01", "2022-04-15"], await CountyDaysAsync(store.Database, Jiangan));
    }

    [Fact]
    public async Task Submit_ReportOverTwoCounties_MovesBothAndTheirAncestorsOnly()
    {
        // Arrange: one Wuhan county moved first
        await using var store = await TestStore.CreateAsync();
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received, Update(Baocheng, Stage.Pilot, 2022, 5, 10));
        var jiangan = await CountyDaysAsync(store.Database, Jiangan);
        var hanyang = await FirstCommunityAsync(store.Database, Hanyang);
        var wuchang = await FirstCommunityAsync(store.Database, Wuchang);

        // Act: a report for two other counties' communities, on two days
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received.AddDays(1),
            Update(wuchang, Stage.InProgress, 2022, 5, 11), Update(hanyang, Stage.Pilot, 2022, 5, 3));

        // Assert
        var rows = await RegionTimelineAssert.RowsAsync(store.Database);
        Assert.Equal(await RegionTimelineAssert.RebuiltRowsAsync(store.Database), rows);
        Assert.Equal(["0001-01-01", "2022-05-11"], await CountyDaysAsync(store.Database, Wuchang));
        Assert.Equal(["0001-01-01", "2022-05-03"], await CountyDaysAsync(store.Database, Hanyang));
        Assert.Equal(jiangan, await CountyDaysAsync(store.Database, Jiangan));
        Assert.Equal(["0001-01-01", "2022-05-03", "2022-05-10", "2022-05-11"], rows.Where(r => r.Code == Wuhan).Select(r => r.Day));
        Assert.Equal(new ProgressFigures(5222, 5219, 2, 1, 0, 2), rows.Single(r => r is { Code: Hubei, Day: "2022-05-11" }).Figures);
        for (var day = new DateOnly(2022, 5, 2); day <= new DateOnly(2022, 5, 12); day = day.AddDays(1))
        {
            await RegionTimelineAssert.AssertEqualsOracleAsync(store.Database, day);
        }
    }

    [Fact]
    public async Task GetSummary_HubeiScopesOnPastDaysAndToday_EqualsTheRegionAndItsChildrenReadFromTheCounties()
    {
        // Arrange
        var progress = fixture.Store.Progress;
        DateOnly?[] days = [new DateOnly(2021, 6, 30), new DateOnly(2022, 9, 30), new DateOnly(2024, 2, 29), progress.Today.AddDays(-1), progress.Today, null];

        foreach (var day in days)
        {
            foreach (var code in new[] { Hubei, Wuhan, Xiantao, Jiangan, "420500" })
            {
                // Act
                var summary = await progress.GetSummaryAsync(code, day, Ct);

                // Assert
                var region = await progress.GetRegionAsync(code, day, Ct);
                Assert.Equal(RegionTimelineAssert.Shallow(region!), RegionTimelineAssert.Shallow(summary!));
                Assert.All(summary!.Children, c => Assert.Empty(c.Children));
            }
            Assert.Null(await progress.GetSummaryAsync("420199", day, Ct));
        }
        Assert.True((await progress.GetSummaryAsync(Hubei, new DateOnly(2022, 9, 30), Ct))!.Figures.Started > 0);
    }

    [Fact]
    public async Task Initialize_StoreFromBeforeTheRegionTimeline_AppliesItAndBuildsItFromTheCounties()
    {
        // Arrange: a store with history as it was before 0016 (no table, no journal entry)
        await using var store = await TestStore.CreateAsync();
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received, Update(Baocheng, Stage.InProgress, 2022, 3, 1), Update(Taining, Stage.Pilot, 2022, 4, 2));
        var before = await RegionTimelineAssert.RowsAsync(store.Database);
        await ExecuteAsync(store.Database, "DROP TABLE region_timeline");
        await ExecuteAsync(store.Database, "DELETE FROM schema_migrations WHERE name = '0016_region_timeline.sql'");

        // Act
        var initialization = await store.Initializer.InitializeAsync(playDemo: false, demoSeed: 2021, null, Ct);

        // Assert
        Assert.Equal(["0016_region_timeline.sql"], initialization.MigrationsApplied);
        Assert.Equal(before, await RegionTimelineAssert.RowsAsync(store.Database));
        Assert.Equal(3, before.Count(r => r.Code == Wuhan));
    }

    private static async Task<string> FirstCommunityAsync(StoreDatabase database, string county)
    {
        await using var connection = await database.OpenAsync(Ct);
        return await connection.QuerySingleAsync<string>(new CommandDefinition("SELECT MIN(code) FROM communities WHERE county_code = @county", new { county },
            cancellationToken: Ct));
    }

    private static async Task<List<string>> CountyDaysAsync(StoreDatabase database, string county)
    {
        await using var connection = await database.OpenAsync(Ct);
        return (await connection.QueryAsync<string>(new CommandDefinition("SELECT day FROM county_timeline WHERE county_code = @county ORDER BY day", new { county },
            cancellationToken: Ct))).AsList();
    }

    private static async Task ExecuteAsync(StoreDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync(Ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: Ct));
    }

    private static async Task SubmitAsync(TestStore store, SubmitterScope scope, DateTimeOffset received, params CommunityUpdate[] updates)
    {
        var report = new ReportSubmission(Wuhan, ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), "武汉市住房和城乡建设局", null, updates);
        var outcome = await store.Writer.SubmitAsync(report, scope, received, Ct);
        Assert.True(outcome.IsStored, string.Join("; ", outcome.Errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
    }

    private static CommunityUpdate Update(string community, Stage stage, int year, int month, int day) =>
        new(community, stage, new DateOnly(year, month, day), new Dictionary<int, double>());
}

/// <summary>What the region timeline's tests check, shared with the national store's.</summary>
public static class RegionTimelineAssert
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every region above county level on <paramref name="day"/>: its row, or nothing for a region without communities.</summary>
    public static async Task AssertEqualsOracleAsync(StoreDatabase database, DateOnly day)
    {
        var regions = await new RegionQueries(database).GetAllAsync(Ct);
        var tree = ProgressTree.Build(regions, await WindowOracle.ByCountyAsync(database, day, Ct));
        var expected = tree.DownTo(RegionLevel.Prefecture).Where(n => n.Region.Level != RegionLevel.County).ToList();
        var timeline = await new ProgressQueries(database).GetByRegionAsOfAsync(day, expected.Select(n => new RegionKey(n.Region.Level, n.Region.Code)).ToList(), Ct);
        foreach (var node in expected)
        {
            var figures = timeline.GetValueOrDefault(new RegionKey(node.Region.Level, node.Region.Code), ProgressFigures.Empty);
            Assert.True(node.Figures == figures, $"{node.Region.Level} {node.Region.Code} on {day}: {figures}, the history says {node.Figures}");
        }
        Assert.True(timeline.Count >= expected.Count(n => n.Figures.Communities > 0));
    }

    /// <summary>A node and its children's figures, the way a summary shows them.</summary>
    public static IEnumerable<string> Shallow(RegionProgress node) =>
        node.Children.Select(c => $"{c.Region}:{c.Figures}").Prepend($"{node.Region}:{node.Figures}:{node.Children.Count}");

    public static async Task<List<RegionTimelineRow>> RowsAsync(StoreDatabase database)
    {
        await using var connection = await database.OpenAsync(Ct);
        return await ReadRowsAsync(connection, null);
    }

    /// <summary>The rows a rebuild of both timelines from the history writes (rolled back: the store keeps its own).</summary>
    public static async Task<List<RegionTimelineRow>> RebuiltRowsAsync(StoreDatabase database)
    {
        await using var connection = await database.OpenAsync(Ct);
        await using var transaction = await database.BeginWriteAsync(connection, Ct);
        await CountyTimelineSql.RebuildAllAsync(connection, transaction, Ct);
        return await ReadRowsAsync(connection, transaction);
    }

    private static async Task<List<RegionTimelineRow>> ReadRowsAsync(DbConnection connection, DbTransaction? transaction)
    {
        var rows = await connection.QueryAsync<(long Level, string Code, string Day, long Communities, long NotStarted, long Pilot, long InProgress, long Accepted, long PilotsEver)>(
            new CommandDefinition(
                """
                SELECT level, region_code, day, communities, not_started, pilot, in_progress, accepted, pilots_ever
                  FROM region_timeline ORDER BY level, region_code, day
                """, transaction: transaction, cancellationToken: Ct));
        return rows.Select(r => new RegionTimelineRow((RegionLevel)r.Level, r.Code, r.Day,
            new ProgressFigures((int)r.Communities, (int)r.NotStarted, (int)r.Pilot, (int)r.InProgress, (int)r.Accepted, (int)r.PilotsEver))).ToList();
    }
}
