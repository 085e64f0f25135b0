using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dapper;
using GreenCommunity.Data.Communities;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// The community list (issue 12) at national size: each page of <see cref="CommunityListQuery"/> (its page and its total,
/// as the grid and the API ask) over China's 124,649 communities, beside the cheapest read of the same table
/// (<c>SELECT COUNT(*) FROM communities</c>) as the baseline. Target: at most 150 ms at the 95th percentile per page.
/// </summary>
[Config(typeof(PercentileConfig))]
[MemoryDiagnoser]
public class CommunityListBenchmarks
{
    private static readonly DateOnly s_today = NationalStore.Today;

    private NationalStore _store = null!;
    private CommunityListQuery _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        _store = NationalStore.OpenAsync(StoreEngine.Sqlite).GetAwaiter().GetResult();
        _query = new CommunityListQuery(_store.Database, NationalStore.PresentDay(s_today));
    }

    [GlobalCleanup]
    public void Cleanup() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public async Task<long> CountCommunities()
    {
        await using var connection = await _store.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM communities");
    }

    [Benchmark]
    public Task<CommunityListPage> FirstPage() => Page(new CommunityListFilter());

    [Benchmark]
    public Task<CommunityListPage> LocalityFirstPage() => Page(new CommunityListFilter { Locality = "420100" });

    [Benchmark]
    public Task<CommunityListPage> SearchPartialName() => Page(new CommunityListFilter { Query = "幸福" });

    [Benchmark]
    public Task<CommunityListPage> StageAndUnmet() => Page(new CommunityListFilter { Stages = [Stage.InProgress], AnyUnmet = true });

    [Benchmark]
    public Task<CommunityListPage> StageAndUnmetCriteria() => Page(new CommunityListFilter { Stages = [Stage.Pilot, Stage.InProgress], Unmet = [5, 12] });

    [Benchmark]
    public Task<CommunityListPage> County() => Page(new CommunityListFilter { County = "110105" });

    [Benchmark]
    public Task<CommunityListPage> C12Below() => Page(new CommunityListFilter { C12Below = 0.3 });

    [Benchmark]
    public Task<CommunityListPage> QuietMonths() => Page(new CommunityListFilter { QuietMonths = 6 });

    [Benchmark]
    public Task<CommunityListPage> DeepPage1000() => _query.GetPageAsync(new CommunityListFilter(), 1000, 50, CancellationToken.None);

    [Benchmark]
    public Task<CommunityListPage> SortedByCriteriaMet() => Page(new CommunityListFilter { Sort = new(CommunityListColumn.CriteriaMet, true) });

    [Benchmark]
    public Task<CommunityListPage> SortedByNameDeepPage() => _query.GetPageAsync(new CommunityListFilter { Sort = new(CommunityListColumn.Name, false) }, 1000, 50, CancellationToken.None);

    private Task<CommunityListPage> Page(CommunityListFilter filter) => _query.GetPageAsync(filter, 1, 50, CancellationToken.None);

    /// <summary>A short job in this process (the machine is shared) that reports the 95th percentile beside the mean.</summary>
    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Throughput).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15)
                .WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortP95InProcess"));
            AddColumn(StatisticColumn.P95, StatisticColumn.Min, StatisticColumn.Max);
        }
    }
}
