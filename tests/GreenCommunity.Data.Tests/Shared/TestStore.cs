using Dapper;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Startup;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Data.Tests.Shared;

/// <summary>A real SQLite file in a temporary folder, with the Hubei reference data loaded.</summary>
public sealed class TestStore : IAsyncDisposable
{
    public static readonly string AssetsDirectory = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");

    public static Campaign Campaign { get; } =
        CampaignDefinition.Parse(File.ReadAllText(Path.Combine(AssetsDirectory, "campaigns", "hubei-2021-2022.json")));

    private TestStore(string directory, StoreDatabase database, TimeProvider clock)
    {
        Directory = directory;
        Database = database;
        Writer = new ReportWriter(Database, Campaign);
        Tokens = new ApiTokenStore(Database, clock);
        Progress = new ProgressReader(new ProgressQueries(Database), new RegionQueries(Database), new PresentDay(clock));
        Initializer = new StoreInitializer(Database, new DatabaseMigrator(Database),
            new ReferenceDataLoader(Database, new ReferenceDataFiles(AssetsDirectory)), new DemoCampaignPlayer(Database, Writer, Campaign, clock),
            new DemoCredentials(Database, Tokens, new UserStore(Database, clock)));
    }

    public string Directory { get; }

    public StoreDatabase Database { get; }

    public ReportWriter Writer { get; }

    public ApiTokenStore Tokens { get; }

    public ProgressReader Progress { get; }

    public StoreInitializer Initializer { get; }

    public StoreInitialization? Initialization { get; private set; }

    public static async Task<TestStore> CreateAsync(bool playDemo = false, int seed = 2021, TimeProvider? clock = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gc-tests-" + Guid.NewGuid().ToString("N"));
        var store = new TestStore(directory, await TestDatabases.CreateAsync(directory), clock ?? TimeProvider.System);
        store.Initialization = await store.Initializer.InitializeAsync(playDemo, seed, null, CancellationToken.None);
        return store;
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    /// <summary>Everything a report can change, as one comparable text.</summary>
    public async Task<string> FingerprintAsync()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var parts = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM reports",
            "SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM stage_events",
            "SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM criterion_assessments",
            StoreSql.For(connection,
                "SELECT group_concat(community_code || stage || pilot || COALESCE(effective, '-'), ',') FROM community_state WHERE stage <> 0 OR pilot <> 0",
                "SELECT string_agg(community_code || stage || pilot || COALESCE(effective, '-'), ',' ORDER BY community_code) FROM community_state WHERE stage <> 0 OR pilot <> 0"),
            "SELECT COUNT(*) || ':' || COALESCE(SUM(value), 0) FROM community_criteria",
        })
        {
            parts.Add(await connection.ExecuteScalarAsync<string>(sql) ?? "");
        }
        return string.Join('|', parts);
    }

    public async ValueTask DisposeAsync()
    {
        Writer.Dispose();
        await TestDatabases.DropAsync(Database);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
