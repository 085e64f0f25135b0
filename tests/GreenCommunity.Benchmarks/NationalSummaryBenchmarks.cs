using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dapper;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// Any past day's summary at national size (issue 15) on each engine, over the national store (<see cref="NationalStore"/>:
/// 124,649 communities, the national demo history): the whole country's tree (31 provinces, their prefecture-level and
/// county-level units) as <c>/api/v1/summary?scope=000000&amp;asOf=</c> builds it (<see cref="ProgressReader.GetProvinceAsync"/>),
/// and one prefecture-level unit's (<see cref="ProgressReader.GetRegionAsync"/>), each call on another random day (and
/// prefecture), beside its baseline: ONE aggregate over a prebuilt dense per-day snapshot (every county on every day,
/// benchmark-only) for the same day (and the prefecture's counties). Goals: national p95 ≤ 50 ms, prefecture p95 ≤ 20 ms,
/// each ≤ 1.5× its baseline. One call per iteration, so the P95 column is the 95th percentile of single calls. The
/// *FromRegionTimeline rows are what the summary API calls since region_timeline (<see cref="ProgressReader.GetSummaryAsync"/>:
/// the region and its direct children, one timeline row each); the others read every county and build the tree.
/// </summary>
[Config(typeof(PerCallConfig))]
public class NationalSummaryBenchmarks
{
    private const string NationalSumSql =
        $"""
        SELECT CAST(SUM(communities) AS BIGINT) AS Communities, CAST(SUM(not_started) AS BIGINT) AS NotStarted, CAST(SUM(pilot) AS BIGINT) AS Pilot, CAST(SUM(in_progress) AS BIGINT) AS InProgress,
               CAST(SUM(accepted) AS BIGINT) AS Accepted, CAST(SUM(pilots_ever) AS BIGINT) AS PilotsEver
          FROM {NationalStore.SnapshotTable} WHERE day = @day
        """;

    private const string PrefectureSumSql =
        $"""
        SELECT CAST(SUM(communities) AS BIGINT) AS Communities, CAST(SUM(not_started) AS BIGINT) AS NotStarted, CAST(SUM(pilot) AS BIGINT) AS Pilot, CAST(SUM(in_progress) AS BIGINT) AS InProgress,
               CAST(SUM(accepted) AS BIGINT) AS Accepted, CAST(SUM(pilots_ever) AS BIGINT) AS PilotsEver
          FROM {NationalStore.SnapshotTable}
         WHERE day = @day AND county_code IN (SELECT code FROM regions WHERE level = 3 AND parent_code = @prefecture)
        """;

    private const int Draws = 4096;

    private NationalStore _store = null!;
    private ProgressReader _progress = null!;
    private DateOnly[] _days = [];
    private string[] _prefectures = [];
    private int _next;

    [Params(StoreEngine.Sqlite, StoreEngine.Postgres)]
    public StoreEngine Engine { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _store = await NationalStore.OpenAsync(Engine);
        if (_store.Seeded is { } seeded)
        {
            Console.WriteLine($"// national store seeded on {Engine} in {seeded.TotalSeconds:F0} s: {_store.Location}");
        }
        var database = _store.Database;
        _progress = new ProgressReader(new ProgressQueries(database), new RegionQueries(database), NationalStore.PresentDay(NationalStore.Today));
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var prefectures = (await connection.QueryAsync<string>("SELECT DISTINCT locality_code FROM communities ORDER BY 1")).AsList();
        var random = new Random(15);
        var span = NationalStore.Today.DayNumber - NationalStore.FirstSnapshotDay.DayNumber;   // past days only: today is read from the present
        _days = Enumerable.Range(0, Draws).Select(_ => NationalStore.FirstSnapshotDay.AddDays(random.Next(span))).ToArray();
        _prefectures = Enumerable.Range(0, Draws).Select(_ => prefectures[random.Next(prefectures.Count)]).ToArray();

        // The same figures both ways, for one day: the tree's root and one prefecture against the snapshot.
        var day = new DateOnly(2022, 12, 31);
        var tree = await _progress.GetProvinceAsync(day, CancellationToken.None);
        var sum = await SumAsync(NationalSumSql, day, null);
        var wuhan = (await _progress.GetRegionAsync("420100", day, CancellationToken.None))!.Figures;
        var country = (await _progress.GetSummaryAsync(RegionTree.CountryCode, day, CancellationToken.None))!;
        var wuhanSummary = (await _progress.GetSummaryAsync("420100", day, CancellationToken.None))!.Figures;
        if (tree.Figures != sum || wuhan != await SumAsync(PrefectureSumSql, day, "420100") || sum.Communities < 120_000
            || country.Figures != sum || country.Children.Count != 31 || wuhanSummary != wuhan)
        {
            throw new InvalidOperationException($"The timeline and the snapshot disagree on {day}: {tree.Figures} / {sum}.");
        }
        Console.WriteLine($"// {Engine}: {sum} on {day}; {prefectures.Count} prefecture-level units with communities");
    }

    [GlobalCleanup]
    public void Cleanup() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [BenchmarkCategory("National"), Benchmark(Baseline = true)]
    public Task<ProgressFigures> NationalSnapshotSum() => SumAsync(NationalSumSql, NextDay(), null);

    [BenchmarkCategory("National"), Benchmark]
    public Task<RegionProgress> NationalSummary() => _progress.GetProvinceAsync(NextDay(), CancellationToken.None);

    /// <summary>What /api/v1/summary?scope=000000 calls now: the country and its 31 provinces, one region_timeline row each.</summary>
    [BenchmarkCategory("National"), Benchmark]
    public Task<RegionProgress?> NationalSummaryFromRegionTimeline() => _progress.GetSummaryAsync(RegionTree.CountryCode, NextDay(), CancellationToken.None);

    [BenchmarkCategory("Prefecture"), Benchmark(Baseline = true)]
    public Task<ProgressFigures> PrefectureSnapshotSum()
    {
        var i = Next();
        return SumAsync(PrefectureSumSql, _days[i], _prefectures[i]);
    }

    [BenchmarkCategory("Prefecture"), Benchmark]
    public Task<RegionProgress?> PrefectureSummary()
    {
        var i = Next();
        return _progress.GetRegionAsync(_prefectures[i], _days[i], CancellationToken.None);
    }

    /// <summary>What /api/v1/summary?scope=&lt;prefecture&gt; calls now: its region_timeline row and its counties' county_timeline rows.</summary>
    [BenchmarkCategory("Prefecture"), Benchmark]
    public Task<RegionProgress?> PrefectureSummaryFromRegionTimeline()
    {
        var i = Next();
        return _progress.GetSummaryAsync(_prefectures[i], _days[i], CancellationToken.None);
    }

    private int Next() => _next++ % Draws;

    private DateOnly NextDay() => _days[Next()];

    private async Task<ProgressFigures> SumAsync(string sql, DateOnly day, string? prefecture)
    {
        await using var connection = await _store.Database.OpenAsync(CancellationToken.None);
        var row = await connection.QuerySingleAsync<SumRow>(new CommandDefinition(sql, new { day, prefecture }));
        return new ProgressFigures((int)row.Communities, (int)row.NotStarted, (int)row.Pilot, (int)row.InProgress, (int)row.Accepted, (int)row.PilotsEver);
    }

    private sealed record SumRow(long Communities, long NotStarted, long Pilot, long InProgress, long Accepted, long PilotsEver);

    /// <summary>In this process (the machine is shared): 20 warm-up and 200 measured iterations of one call each, so P95 is over single calls.</summary>
    private sealed class PerCallConfig : ManualConfig
    {
        public PerCallConfig()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(20).WithIterationCount(200)
                .WithInvocationCount(1).WithUnrollFactor(1).WithId("PerCallInProcess")
                // Seeding the national store on PostgreSQL takes longer than the in-process toolchain's default 5 minutes.
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(40), logOutput: true)));
            AddColumn(StatisticColumn.P95, StatisticColumn.Min, StatisticColumn.Max);
            AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);
            AddColumn(CategoriesColumn.Default);
        }
    }
}
