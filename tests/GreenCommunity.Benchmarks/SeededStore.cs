using GreenCommunity.Dashboard.Configuration;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Maps;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Standard;
using GreenCommunity.Data.Startup;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace GreenCommunity.Benchmarks;

/// <summary>A real SQLite file with Hubei's 5,222 communities and the demo campaign's history, and the readers over it.</summary>
internal sealed class SeededStore : IDisposable
{
    private readonly string _directory;

    private SeededStore(string directory, SqliteStore database, ProgressReader progress, ProgressHistoryQueries history, CriteriaQueries criteria,
        SnapshotBuilder snapshots)
    {
        _directory = directory;
        (Database, Progress, History, Criteria, Snapshots) = (database, progress, history, criteria, snapshots);
    }

    public SqliteStore Database { get; }

    public ProgressReader Progress { get; }

    public ProgressHistoryQueries History { get; }

    public CriteriaQueries Criteria { get; }

    public SnapshotBuilder Snapshots { get; }

    public static SeededStore Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gc-bench-" + Guid.NewGuid().ToString("N"));
        var assets = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");
        var campaign = CampaignDefinition.Parse(File.ReadAllText(Path.Combine(assets, "campaigns", "hubei-2021-2022.json")));
        var database = SqliteStore.ForDirectory(directory);
        var clock = TimeProvider.System;
        using (var writer = new ReportWriter(database, campaign))
        {
            var initializer = new StoreInitializer(database, new DatabaseMigrator(database), new ReferenceDataLoader(database, new ReferenceDataFiles(assets)),
                new DemoCampaignPlayer(database, writer, campaign, clock), new DemoCredentials(database, new ApiTokenStore(database, clock), new UserStore(database, clock)));
            initializer.InitializeAsync(playDemo: true, demoSeed: 2021, null, CancellationToken.None).GetAwaiter().GetResult();
        }
        var present = new PresentDay(clock);
        var progress = new ProgressReader(new ProgressQueries(database), new RegionQueries(database), present);
        var history = new ProgressHistoryQueries(database);
        var criteria = new CriteriaQueries(database, present);
        var geometry = new MapGeometry(Options.Create(new AssetsOptions { Directory = assets }), progress);
        var snapshots = new SnapshotBuilder(new SnapshotReader(progress, criteria, history, new ReportQueries(database), geometry, campaign));
        return new SeededStore(directory, database, progress, history, criteria, snapshots);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
