using BenchmarkDotNet.Attributes;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// The province overview on any day, at Hubei scale: 5,222 communities and the demo campaign's history
/// (440 reports, their stage events and criterion assessments) in a real SQLite file.
/// </summary>
[MemoryDiagnoser]
public class ProgressAsOfBenchmarks
{
    private ProgressReader _progress = null!;
    private SnapshotBuilder _snapshots = null!;
    private ProgressSnapshot _snapshot = null!;
    private ProgressHistoryQueries _history = null!;
    private GreenCommunity.Data.Standard.CriteriaQueries _criteria = null!;

    [Params("2021-12-31", "2022-06-30", "2022-12-31", "today")]
    public string AsOf { get; set; } = "today";

    private DateOnly? Day => AsOf == "today" ? null : DateOnly.Parse(AsOf, System.Globalization.CultureInfo.InvariantCulture);

    private SeededStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        _store = SeededStore.Create();
        (_progress, _history, _criteria, _snapshots) = (_store.Progress, _store.History, _store.Criteria, _store.Snapshots);
        _snapshot = BuildSnapshot().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    /// <summary>The stage counts of every county, locality and the province on the day.</summary>
    [Benchmark]
    public Task<RegionProgress> ProvinceTree() => _progress.GetProvinceAsync(Day, CancellationToken.None);

    /// <summary>
    /// One recomputation of the shared live view for the day (today: after a report, with the kept month ends and
    /// milestone trees; a past day: from the history), done once per change for every open page.
    /// </summary>
    [Benchmark]
    public Task<ProgressSnapshot> Snapshot() => BuildSnapshot();

    /// <summary>What each page does with a new snapshot before rendering: shape the province's overview (no store).</summary>
    [Benchmark]
    public OverviewModel OverviewModel() => OverviewModelBuilder.Build(_snapshot, null);

    /// <summary>The rates-over-time chart: every month end from the campaign's start to the day.</summary>
    [Benchmark]
    public Task<IReadOnlyDictionary<string, IReadOnlyList<MonthlyPoint>>> MonthlySeries() =>
        _history.MonthEndsAsync(new DateOnly(2021, 6, 1), Day ?? _progress.Today, "420000", CancellationToken.None);

    /// <summary>The standard's heat map: 16 criteria × 17 localities on the day.</summary>
    [Benchmark]
    public Task<IReadOnlyList<GreenCommunity.Data.Standard.CriterionShare>> CriteriaHeatMap() =>
        _criteria.SharesAsync(Day ?? _progress.Today, null, CancellationToken.None);

    private Task<ProgressSnapshot> BuildSnapshot() =>
        Day is { } day ? _snapshots.PastAsync(day, CancellationToken.None) : _snapshots.TodayAsync(_snapshot, null, CancellationToken.None);
}
