using Dapper;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.Progress;

/// <summary>county_timeline kept by the write path: past days read from it equal the window over the history (<see cref="WindowOracle"/>).</summary>
public sealed class CountyTimelineStoreTests(DemoStoreFixture fixture) : IClassFixture<DemoStoreFixture>
{
    private const string Wuhan = "420100";
    private const string Jiangan = "420102";                  // 江岸区
    private const string Baocheng = "420102002003";           // 保成社区, 江岸区
    private const string Taining = "420102002004";
    private static readonly DateTimeOffset s_received = new(2022, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetByCountyAsOf_DemoStoreOnMonthEndsAndRandomDays_EqualsTheWindowOverTheHistory()
    {
        // Arrange
        var store = fixture.Store;
        var queries = new ProgressQueries(store.Database);

        foreach (var day in WindowOracle.Days(ChinaTime.DateAt(DemoStoreFixture.Now), random: 20, seed: 15))
        {
            // Act
            var timeline = await queries.GetByCountyAsOfAsync(day, Ct);

            // Assert
            AssertSame(await WindowOracle.ByCountyAsync(store.Database, day, Ct), timeline, day);
        }
        Assert.True((await queries.GetByCountyAsOfAsync(new DateOnly(2022, 12, 31), Ct)).Values.Sum(f => f.Accepted) > 0);
    }

    [Fact]
    public async Task Timeline_DemoStore_EqualsAFullRebuild()
    {
        // Arrange: the rows the demo's 440 reports left, one report at a time
        var stored = await RowsAsync(fixture.Store.Database);

        // Act
        var rebuilt = await RebuiltRowsAsync(fixture.Store.Database);

        // Assert
        Assert.Equal(rebuilt, stored);
        Assert.True(stored.Count > 1000, $"{stored.Count} rows");
    }

    [Fact]
    public async Task Submit_LateReportEffectiveEarlier_RewritesTheCountyFromThatDay()
    {
        // Arrange: in progress from 05-10
        await using var store = await TestStore.CreateAsync();
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received, Update(Baocheng, Stage.InProgress, 2022, 5, 10));

        // Act: a late report says it was a pilot from 04-15
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received.AddDays(7), Update(Baocheng, Stage.Pilot, 2022, 4, 15));

        // Assert
        var size = (await RowsAsync(store.Database, Jiangan))[0].Figures.Communities;
        Assert.Equal(
        [
            new(Jiangan, CountyTimeline.BaseDay, new ProgressFigures(size, size, 0, 0, 0, 0)),
            new(Jiangan, "2022-04-15", new ProgressFigures(size, size - 1, 1, 0, 0, 1)),
            new(Jiangan, "2022-05-10", new ProgressFigures(size, size - 1, 0, 1, 0, 1)),
        ], await RowsAsync(store.Database, Jiangan));
        await AssertEqualsOracleAsync(store, new DateOnly(2022, 4, 1), new DateOnly(2022, 6, 1));
    }

    [Fact]
    public async Task Submit_AcceptedThenBackToInProgress_CountsItInProgressFromThatDay()
    {
        // Arrange: in progress with every criterion met, accepted by the province
        await using var store = await TestStore.CreateAsync();
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received, Update(Baocheng, Stage.InProgress, 2022, 3, 1, AllCriteria()));
        await SubmitAsync(store, SubmitterScope.Province, s_received, Update(Baocheng, Stage.Accepted, 2022, 4, 1));

        // Act: the province takes the acceptance back
        await SubmitAsync(store, SubmitterScope.Province, s_received.AddDays(1), Update(Baocheng, Stage.InProgress, 2022, 5, 2));

        // Assert
        Assert.Equal([(CountyTimeline.BaseDay, 0, 0), ("2022-03-01", 1, 0), ("2022-04-01", 0, 1), ("2022-05-02", 1, 0)],
            (await RowsAsync(store.Database, Jiangan)).Select(r => (r.Day, r.Figures.InProgress, r.Figures.Accepted)));
        var progress = await store.Progress.GetProvinceAsync(new DateOnly(2022, 5, 1), Ct);
        Assert.Equal(1, progress.Find(Jiangan)!.Figures.Accepted);
        await AssertEqualsOracleAsync(store, new DateOnly(2022, 2, 27), new DateOnly(2022, 5, 20));
    }

    [Fact]
    public async Task Submit_PilotBackDatedBeforeAnExistingOne_CountsBothPilotsFromTheirOwnDays()
    {
        // Arrange: a pilot from 05-10
        await using var store = await TestStore.CreateAsync();
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received, Update(Baocheng, Stage.Pilot, 2022, 5, 10));

        // Act: another community of the same county, a pilot from 04-01, reported later
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received.AddDays(3), Update(Taining, Stage.Pilot, 2022, 4, 1));

        // Assert
        Assert.Equal([(CountyTimeline.BaseDay, 0, 0), ("2022-04-01", 1, 1), ("2022-05-10", 2, 2)],
            (await RowsAsync(store.Database, Jiangan)).Select(r => (r.Day, r.Figures.Pilot, r.Figures.PilotsEver)));
        await AssertEqualsOracleAsync(store, new DateOnly(2022, 3, 30), new DateOnly(2022, 5, 20));
        Assert.Equal(await RebuiltRowsAsync(store.Database), await RowsAsync(store.Database));
    }

    [Fact]
    public async Task Initialize_TimelineEmptyWithCommunities_RebuildsItOnce()
    {
        // Arrange: a store with history whose timeline is gone
        await using var store = await TestStore.CreateAsync();
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received, Update(Baocheng, Stage.Pilot, 2022, 5, 10), Update(Taining, Stage.InProgress, 2022, 4, 2));
        var before = await RowsAsync(store.Database);
        await ExecuteAsync(store.Database, "DELETE FROM county_timeline");

        // Act
        await store.Initializer.InitializeAsync(playDemo: false, demoSeed: 2021, null, Ct);
        var after = await RowsAsync(store.Database);
        await ExecuteAsync(store.Database, "DELETE FROM county_timeline WHERE day <> '0001-01-01'");
        await store.Initializer.InitializeAsync(playDemo: false, demoSeed: 2021, null, Ct);

        // Assert: rebuilt as it was; a table with rows is left as it is
        Assert.Equal(before, after);
        Assert.Equal(before.Count - 2, await store.CountAsync("county_timeline"));
        Assert.Contains(after, r => r is { County: Jiangan, Day: "2022-04-02" });
    }

    [Fact]
    public async Task Initialize_NewHubeiStore_HasEveryCountyNotStarted()
    {
        // Act
        await using var store = await TestStore.CreateAsync();

        // Assert
        var rows = await RowsAsync(store.Database);
        await using var connection = await store.Database.OpenAsync(Ct);
        var counties = (await connection.QueryAsync<(string County, long Count)>("SELECT county_code, COUNT(*) FROM communities GROUP BY county_code ORDER BY county_code"))
            .Select(c => new TimelineRow(c.County, CountyTimeline.BaseDay, new ProgressFigures((int)c.Count, (int)c.Count, 0, 0, 0, 0)));
        Assert.Equal(counties, rows);
        Assert.Equal(5222, rows.Sum(r => r.Figures.Communities));
    }

    [Fact]
    public async Task Migrate_StoreFromBeforeTheTimeline_AppliesItAndBuildsItFromTheHistory()
    {
        // Arrange: a store with history as it was before 0015 (no table, no journal entry)
        await using var store = await TestStore.CreateAsync();
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), s_received, Update(Baocheng, Stage.InProgress, 2022, 3, 1, AllCriteria()), Update(Taining, Stage.Pilot, 2022, 4, 2));
        await SubmitAsync(store, SubmitterScope.Province, s_received, Update(Baocheng, Stage.Accepted, 2022, 5, 3));
        var before = await RowsAsync(store.Database);
        await ExecuteAsync(store.Database, "DROP TABLE county_timeline");
        await ExecuteAsync(store.Database, "DELETE FROM schema_migrations WHERE name = '0015_county_timeline.sql'");

        // Act
        var initialization = await store.Initializer.InitializeAsync(playDemo: false, demoSeed: 2021, null, Ct);

        // Assert
        Assert.Equal(["0015_county_timeline.sql"], initialization.MigrationsApplied);
        Assert.Equal(before, await RowsAsync(store.Database));
        Assert.Equal(4, before.Count(r => r.County == Jiangan));
        await AssertEqualsOracleAsync(store, new DateOnly(2022, 2, 28), new DateOnly(2022, 5, 4));
    }

    [Fact]
    public async Task GetRegion_PrefectureOnAPastDay_EqualsItsNodeInTheWholeTree()
    {
        // Arrange
        var progress = fixture.Store.Progress;
        var day = new DateOnly(2022, 9, 30);

        // Act
        var wuhan = await progress.GetRegionAsync(Wuhan, day, Ct);
        var xiantao = await progress.GetRegionAsync("429004", day, Ct);   // a prefecture-level unit that is its own county
        var county = await progress.GetRegionAsync(Jiangan, null, Ct);
        var unknown = await progress.GetRegionAsync("420199", day, Ct);

        // Assert
        var tree = await progress.GetProvinceAsync(day, Ct);
        var today = await progress.GetProvinceAsync(null, Ct);
        Assert.Equal(Flatten(tree.Find(Wuhan)!), Flatten(wuhan!));
        Assert.Equal(Flatten(tree.Find("429004")!), Flatten(xiantao!));
        Assert.Equal(Flatten(today.Find(Jiangan)!), Flatten(county!));
        Assert.Equal(tree.Find(Wuhan)!.Region, wuhan!.Region);
        Assert.True(wuhan.Figures.Started > 0);
        Assert.Null(unknown);
    }

    private static IEnumerable<string> Flatten(RegionProgress node) =>
        node.DownTo(Domain.Regions.RegionLevel.County).Select(n => $"{n.Region.Level}:{n.Region.Code}:{n.Figures}");

    private static void AssertSame(IReadOnlyDictionary<string, ProgressFigures> expected, IReadOnlyDictionary<string, ProgressFigures> actual, DateOnly day)
    {
        Assert.True(expected.Keys.Order(StringComparer.Ordinal).SequenceEqual(actual.Keys.Order(StringComparer.Ordinal)), $"counties differ on {day}");
        foreach (var (county, figures) in expected)
        {
            Assert.True(figures == actual[county], $"{county} on {day}: {actual[county]}, the history says {figures}");
        }
    }

    /// <summary>Every day from <paramref name="from"/> to <paramref name="until"/>.</summary>
    private static async Task AssertEqualsOracleAsync(TestStore store, DateOnly from, DateOnly until)
    {
        var queries = new ProgressQueries(store.Database);
        for (var day = from; day <= until; day = day.AddDays(1))
        {
            AssertSame(await WindowOracle.ByCountyAsync(store.Database, day, Ct), await queries.GetByCountyAsOfAsync(day, Ct), day);
        }
    }

    private static async Task<List<TimelineRow>> RowsAsync(StoreDatabase database, string? county = null)
    {
        await using var connection = await database.OpenAsync(Ct);
        return await ReadRowsAsync(connection, null, county);
    }

    /// <summary>The rows a rebuild of every county writes (rolled back: the store keeps its own).</summary>
    private static async Task<List<TimelineRow>> RebuiltRowsAsync(StoreDatabase database)
    {
        await using var connection = await database.OpenAsync(Ct);
        await using var transaction = await database.BeginWriteAsync(connection, Ct);
        await CountyTimelineSql.RebuildAllAsync(connection, transaction, Ct);
        return await ReadRowsAsync(connection, transaction, null);
    }

    private static async Task<List<TimelineRow>> ReadRowsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, string? county)
    {
        var rows = await connection.QueryAsync<(string County, string Day, long Communities, long NotStarted, long Pilot, long InProgress, long Accepted, long PilotsEver)>(
            new CommandDefinition(
                """
                SELECT county_code, day, communities, not_started, pilot, in_progress, accepted, pilots_ever
                  FROM county_timeline WHERE @county IS NULL OR county_code = @county ORDER BY county_code, day
                """, new { county }, transaction, cancellationToken: Ct));
        return rows.Select(r => new TimelineRow(r.County, r.Day,
            new ProgressFigures((int)r.Communities, (int)r.NotStarted, (int)r.Pilot, (int)r.InProgress, (int)r.Accepted, (int)r.PilotsEver))).ToList();
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

    private static CommunityUpdate Update(string community, Stage stage, int year, int month, int day, Dictionary<int, double>? criteria = null) =>
        new(community, stage, new DateOnly(year, month, day), criteria ?? []);

    private static Dictionary<int, double> AllCriteria() => Enumerable.Range(1, 16).ToDictionary(n => n, n => n == 12 ? 0.5 : 1.0);
}
