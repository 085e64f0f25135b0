using BenchmarkDotNet.Attributes;
using GreenCommunity.Dashboard.LiveView;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// The shared live view's recomputation of today after a report: reading every heat-map cell again (a new day, the
/// first snapshot) against reading only those of the locality that reported (every other report).
/// </summary>
[MemoryDiagnoser]
public class TodayRecomputationBenchmarks
{
    private static readonly string[] s_yichang = ["420500"];
    private SeededStore _store = null!;
    private ProgressSnapshot _previous = null!;

    [GlobalSetup]
    public void Setup()
    {
        _store = SeededStore.Create();
        _previous = _store.Snapshots.TodayAsync(null, null, CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Baseline = true)]
    public Task<ProgressSnapshot> EveryLocality() => _store.Snapshots.TodayAsync(_previous, null, CancellationToken.None);

    [Benchmark]
    public Task<ProgressSnapshot> OneLocality() => _store.Snapshots.TodayAsync(_previous, s_yichang, CancellationToken.None);

    /// <summary>The one SQL aggregate beside them: started communities per county-level unit, from the current state.</summary>
    [Benchmark]
    public Task<GreenCommunity.Domain.Progress.RegionProgress> ProvinceTree() => _store.Progress.GetProvinceAsync(null, CancellationToken.None);
}
