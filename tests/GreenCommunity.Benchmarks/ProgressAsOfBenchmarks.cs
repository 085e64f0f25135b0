using BenchmarkDotNet.Attributes;
using GreenCommunity.Dashboard.Configuration;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Maps;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// The province overview on any day, at Hubei scale: 5,222 communities and the demo campaign's history
/// (440 reports, their stage events and criterion assessments) in a real SQLite file.
/// </summary>
[MemoryDiagnoser]
public class ProgressAsOfBenchmarks
{
    private string _directory = "";
    private ProgressReader _progress = null!;
    private SnapshotBuilder _snapshots = null!;
    private ProgressSnapshot _snapshot = null!;
    private ProgressHistoryQueries _history = null!;
    private GreenCommunity.Data.Standard.CriteriaQueries _criteria = null!;

    [Params("2021-12-31", "2022-06-30", "2022-12-31", "today")]
    public string AsOf { get; set; } = "today";

    private DateOnly? Day => AsOf == "today" ? null : DateOnly.Parse(AsOf, System.Globalization.CultureInfo.InvariantCulture);

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "gc-bench-" + Guid.NewGuid().ToString("N"));
        var assets = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");
        var campaign = CampaignDefinition.Parse(File.ReadAllText(Path.Combine(assets, "campaigns", "hubei-2021-2022.json")));
        var database = SqliteConnectionFactory.ForDirectory(_directory);
        var clock = TimeProvider.System;
        using (var writer = new ReportWriter(database, campaign))
        {
            var initializer = new StoreInitializer(database, new DatabaseMigrator(database), new ReferenceDataLoader(database, new ReferenceDataFiles(assets)),
                new DemoCampaignPlayer(database, writer, campaign), new DemoCredentials(database, new ApiTokenStore(database, clock), new UserStore(database, clock)));
            initializer.InitializeAsync(playDemo: true, demoSeed: 2021, null, CancellationToken.None).GetAwaiter().GetResult();
        }
        var present = new PresentDay(clock);
        _progress = new ProgressReader(new ProgressQueries(database), new RegionQueries(database), present);
        _history = new ProgressHistoryQueries(database);
        _criteria = new GreenCommunity.Data.Standard.CriteriaQueries(database, present);
        var geometry = new MapGeometry(Options.Create(new AssetsOptions { Directory = assets }), _progress);
        _snapshots = new SnapshotBuilder(new SnapshotReader(_progress, _criteria, _history, new ReportQueries(database), geometry, campaign));
        _snapshot = BuildSnapshot().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

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
