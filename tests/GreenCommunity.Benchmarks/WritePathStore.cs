using Dapper;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Startup;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;
using Microsoft.Data.Sqlite;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// The write path's store: Hubei's communities with the demo history, plus <see cref="ExtraWuhanCommunities"/> made-up
/// communities in Wuhan (1,531 real ones) so that one locality can send 5,000 and 10,000 distinct updates, as the
/// issue's hostile test did. Seeded once as a template; every iteration writes into a fresh copy of it.
/// </summary>
internal sealed class WritePathStore : IDisposable
{
    public const string Wuhan = "420100";
    public const string Yichang = "420500";
    public const int ExtraWuhanCommunities = 10_000;

    private readonly string _template;
    private readonly List<string> _copies = [];

    private WritePathStore(string template, Campaign campaign, IReadOnlyList<string> wuhanNotStarted, IReadOnlyList<string> yichangNotStarted, string wuhanStarted)
    {
        (_template, Campaign, WuhanNotStarted, YichangNotStarted, WuhanStarted) = (template, campaign, wuhanNotStarted, yichangNotStarted, wuhanStarted);
    }

    public Campaign Campaign { get; }

    public IReadOnlyList<string> WuhanNotStarted { get; }

    public IReadOnlyList<string> YichangNotStarted { get; }

    /// <summary>A Wuhan community the demo started: reporting it "not started" again is refused.</summary>
    public string WuhanStarted { get; }

    public static WritePathStore Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gc-bench-write-" + Guid.NewGuid().ToString("N"));
        var assets = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");
        var campaign = CampaignDefinition.Parse(File.ReadAllText(Path.Combine(assets, "campaigns", "hubei-2021-2022.json")));
        var database = SqliteStore.ForDirectory(directory);
        var clock = TimeProvider.System;
        using (var writer = new ReportWriter(database, campaign))
        {
            new StoreInitializer(database, new DatabaseMigrator(database), new ReferenceDataLoader(database, new ReferenceDataFiles(assets)),
                new DemoCampaignPlayer(database, writer, campaign, clock), new DemoCredentials(database, new ApiTokenStore(database, clock), new UserStore(database, clock)))
                .InitializeAsync(playDemo: true, demoSeed: 2021, null, CancellationToken.None).GetAwaiter().GetResult();
        }
        using var connection = (SqliteConnection)database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        using (var transaction = connection.BeginTransaction())
        {
            // 420102990000 …: a made-up town of 江岸区 (no real code starts so).
            var extra = Enumerable.Range(0, ExtraWuhanCommunities).Select(i => new { code = $"42010299{i:D4}", name = $"基准社区{i}" });
            connection.Execute(
                "INSERT INTO communities (code, name, county_code, locality_code, town_code, town_name) VALUES (@code, @name, '420102', '420100', '420102990', '基准街道')",
                extra, transaction);
            connection.Execute("INSERT INTO community_state (community_code) SELECT code FROM communities WHERE town_code = '420102990'", transaction: transaction);
            // The timelines count each county's communities: rebuilt, as a store loaded with these would have them.
            CountyTimelineSql.RebuildAllAsync(connection, transaction, CancellationToken.None).GetAwaiter().GetResult();
            transaction.Commit();
        }
        connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        var wuhan = NotStarted(connection, Wuhan);
        var yichang = NotStarted(connection, Yichang);
        var started = connection.ExecuteScalar<string>(
            "SELECT c.code FROM communities c JOIN community_state s ON s.community_code = c.code WHERE c.locality_code = @Wuhan AND s.stage = 2 ORDER BY c.code LIMIT 1", new { Wuhan })!;
        connection.Close();
        SqliteConnection.ClearAllPools();
        return new WritePathStore(database.DatabasePath, campaign, wuhan, yichang, started);
    }

    /// <summary>A fresh copy of the seeded store, its own folder.</summary>
    public SqliteStore Copy()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gc-bench-write-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.Copy(_template, Path.Combine(directory, SqliteStore.DatabaseFileName));
        _copies.Add(directory);
        return SqliteStore.ForDirectory(directory);
    }

    /// <summary>Removes the copies made so far (between iterations).</summary>
    public void DropCopies()
    {
        SqliteConnection.ClearAllPools();
        foreach (var copy in _copies)
        {
            Directory.Delete(copy, recursive: true);
        }
        _copies.Clear();
    }

    /// <summary>
    /// A monthly report of this month, every update effective today with all 16 criteria assessed: a full row of the
    /// Excel template, the heaviest update to write.
    /// </summary>
    public static ReportSubmission Report(string locality, IEnumerable<(string Community, Stage Stage)> updates)
    {
        var today = ChinaTime.DateAt(DateTimeOffset.UtcNow);
        var criteria = GreenCommunityStandard.Criteria.ToDictionary(c => c.Number, c => c.IsShare ? 0.42 : 1.0);
        return new ReportSubmission(locality, ReportKind.Monthly, ReportPeriod.OfMonth(today.Year, today.Month), "基准测试", null,
            updates.Select(u => new CommunityUpdate(u.Community, u.Stage, today, criteria)).ToList());
    }

    public void Dispose()
    {
        DropCopies();
        Directory.Delete(Path.GetDirectoryName(_template)!, recursive: true);
    }

    private static List<string> NotStarted(SqliteConnection connection, string locality) => connection.Query<string>(
        "SELECT c.code FROM communities c JOIN community_state s ON s.community_code = c.code WHERE c.locality_code = @locality AND s.stage = 0 ORDER BY c.code",
        new { locality }).AsList();
}
