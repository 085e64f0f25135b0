using BenchmarkDotNet.Attributes;
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
    private OverviewModelBuilder _overview = null!;
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
        _progress = new ProgressReader(new ProgressQueries(database), new RegionQueries(database), clock);
        _overview = new OverviewModelBuilder(_progress, campaign);
        _history = new ProgressHistoryQueries(database);
        _criteria = new GreenCommunity.Data.Standard.CriteriaQueries(database);
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

    /// <summary>What the overview page loads: the tree on the day plus the trees of the milestones already due.</summary>
    [Benchmark]
    public Task<OverviewModel> OverviewModel() => _overview.BuildAsync(Day, CancellationToken.None);

    /// <summary>The rates-over-time chart: every month end from the campaign's start to the day.</summary>
    [Benchmark]
    public Task<IReadOnlyDictionary<string, IReadOnlyList<MonthlyPoint>>> MonthlySeries() =>
        _history.MonthEndsAsync(new DateOnly(2021, 6, 1), Day ?? _progress.Today, "420000", CancellationToken.None);

    /// <summary>The standard's heat map: 16 criteria × 17 localities on the day.</summary>
    [Benchmark]
    public Task<IReadOnlyList<GreenCommunity.Data.Standard.CriterionShare>> CriteriaHeatMap() =>
        _criteria.SharesAsync(Day ?? _progress.Today, null, CancellationToken.None, current: Day is null);
}
