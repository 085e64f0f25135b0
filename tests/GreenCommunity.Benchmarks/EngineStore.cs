using Dapper;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Startup;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// The write path's store on either engine: Hubei with the demo history played through the product's writer (as a new
/// deployment has it), plus made-up not-started communities so that every iteration has fresh ones to start:
/// <see cref="ExtraPerLocality"/> in one county of each of the 17 localities and <see cref="ExtraWuhan"/> more in Wuhan
/// (for the 5,000-update report). Seeded once as a template (a file in the temp folder on SQLite, a database on
/// PostgreSQL, both reused by later benchmark processes of the same build); every iteration writes into a fresh copy.
/// </summary>
internal sealed class EngineStore : IAsyncDisposable
{
    public const string Wuhan = "420100";
    public const int ExtraPerLocality = 400;
    public const int ExtraWuhan = 10_000;

    private readonly List<StoreDatabase> _copies = [];
    private readonly string _template;
    private readonly BenchPostgres? _postgres;

    private EngineStore(StoreEngine engine, string template, BenchPostgres? postgres, Campaign campaign, StoreFacts facts)
    {
        (Engine, _template, _postgres, Campaign, Facts) = (engine, template, postgres, campaign, facts);
    }

    public StoreEngine Engine { get; }

    public Campaign Campaign { get; }

    public StoreFacts Facts { get; }

    /// <summary>Where the template is, for the record: a file or a server and database.</summary>
    public string Location => _postgres is null ? _template : $"{new NpgsqlConnectionStringBuilder(_postgres.AdminConnectionString).Host}:{new NpgsqlConnectionStringBuilder(_postgres.AdminConnectionString).Port}/{_template}";

    public static async Task<EngineStore> OpenAsync(StoreEngine engine)
    {
        var assets = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");
        var campaign = CampaignDefinition.Parse(File.ReadAllText(Path.Combine(assets, "campaigns", "hubei-2021-2022.json")));
        // One template per build of the Data project and of this one: a rebuild (another schema, another seed) seeds again.
        var key = typeof(ReportWriter).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..8] + typeof(EngineStore).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..4];
        if (engine == StoreEngine.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "gc-bench-template-" + key);
            var file = Path.Combine(directory, SqliteStore.DatabaseFileName);
            if (!File.Exists(Path.Combine(directory, ".complete")))
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
                using var seeding = SqliteStore.ForDirectory(directory);
                await SeedAsync(seeding, assets, campaign);
                await using (var connection = await seeding.OpenAsync(CancellationToken.None))
                {
                    await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
                }
                SqliteConnection.ClearAllPools();
                await File.WriteAllTextAsync(Path.Combine(directory, ".complete"), key);
            }
            using var templateStore = new SqliteStore(file);
            return new EngineStore(engine, file, null, campaign, await StoreFacts.ReadAsync(templateStore));
        }

        var postgres = await BenchPostgres.SharedAsync();
        var name = "gc_bench_demo_" + key;
        if (!await postgres.DatabaseExistsAsync(name))
        {
            var seedingName = name + "_seeding";
            await postgres.DropDatabaseAsync(seedingName);
            var seeding = new PostgresStore(await postgres.CreateDatabaseAsync(seedingName), Path.Combine(Path.GetTempPath(), "gc-bench-pg-files-" + key));
            await using (seeding)
            {
                await SeedAsync(seeding, assets, campaign);
            }
            NpgsqlConnection.ClearAllPools();
            await postgres.RenameDatabaseAsync(seedingName, name);   // complete: later processes use it as it is
        }
        var template = new PostgresStore(postgres.ConnectionString(name), Path.GetTempPath());
        StoreFacts facts;
        await using (template)
        {
            facts = await StoreFacts.ReadAsync(template);
        }
        NpgsqlConnection.ClearAllPools();
        return new EngineStore(engine, name, postgres, campaign, facts);
    }

    /// <summary>A fresh copy of the template: a file of its own, or a database of its own.</summary>
    public async Task<StoreDatabase> CopyAsync()
    {
        StoreDatabase copy;
        if (_postgres is null)
        {
            var directory = Path.Combine(Path.GetTempPath(), "gc-bench-copy-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            File.Copy(_template, Path.Combine(directory, SqliteStore.DatabaseFileName));
            copy = SqliteStore.ForDirectory(directory);
        }
        else
        {
            var name = "gc_bench_copy_" + Guid.NewGuid().ToString("N");
            copy = new PostgresStore(await _postgres.CreateDatabaseAsync(name, _template), Path.GetTempPath());
        }
        _copies.Add(copy);
        return copy;
    }

    /// <summary>Removes the copies made so far (between iterations).</summary>
    public async Task DropCopiesAsync()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        foreach (var copy in _copies)
        {
            switch (copy)
            {
                case SqliteStore sqlite:
                    sqlite.Dispose();   // its kept connections, before their files go
                    Directory.Delete(sqlite.FilesDirectory, recursive: true);
                    break;
                case PostgresStore postgres:
                    var name = new NpgsqlConnectionStringBuilder(postgres.DataSource.ConnectionString).Database!;
                    await postgres.DisposeAsync();
                    await _postgres!.DropDatabaseAsync(name);
                    break;
            }
        }
        _copies.Clear();
    }

    public async ValueTask DisposeAsync() => await DropCopiesAsync();

    private static async Task SeedAsync(StoreDatabase database, string assets, Campaign campaign)
    {
        var clock = TimeProvider.System;
        using (var writer = new ReportWriter(database, campaign))
        {
            await new StoreInitializer(database, new DatabaseMigrator(database), new ReferenceDataLoader(database, new ReferenceDataFiles(assets)),
                    new DemoCampaignPlayer(database, writer, campaign, clock), new DemoCredentials(database, new ApiTokenStore(database, clock), new UserStore(database, clock)))
                .InitializeAsync(playDemo: true, demoSeed: 2021, null, CancellationToken.None);
        }
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        // In each locality's first county a made-up town "…980" (no real town code ends so in Hubei) of not-started communities;
        // in Wuhan's 江岸区 also "…99xxxx", as the SQLite-only write benchmarks had.
        var counties = await connection.QueryAsync<(string Locality, string County)>(
            """
            SELECT r.code AS Locality, MIN(c.code) AS County FROM regions r JOIN regions c ON c.parent_code = r.code AND c.level = 3
             WHERE r.level = 2 GROUP BY r.code ORDER BY r.code
            """, transaction: transaction);
        var extra = counties.SelectMany(c => Enumerable.Range(0, ExtraPerLocality).Select(i =>
                new { code = $"{c.County}980{i:D3}", name = $"基准社区{c.County}-{i}", county = c.County, locality = c.Locality, town = $"{c.County}980" }))
            .Concat(Enumerable.Range(0, ExtraWuhan).Select(i =>
                new { code = $"42010299{i:D4}", name = $"基准社区{i}", county = "420102", locality = Wuhan, town = "420102990" }))
            .ToList();
        await connection.ExecuteAsync(
            "INSERT INTO communities (code, name, county_code, locality_code, town_code, town_name) VALUES (@code, @name, @county, @locality, @town, '基准街道')",
            extra, transaction);
        await connection.ExecuteAsync("INSERT INTO community_state (community_code) SELECT code FROM communities WHERE town_name = '基准街道'", transaction: transaction);
        // The timelines count each county's communities: rebuilt as a store loaded with these would have them (left stale,
        // every report's first county diff reached back to the base day and rewrote each ancestor's whole timeline).
        await CountyTimelineSql.RebuildAllAsync(connection, transaction, CancellationToken.None);
        await transaction.CommitAsync();
        // As the product does after a load (and autovacuum later): a template without statistics had PostgreSQL plan the
        // intake's statements anew for every report on guessed row counts.
        await PlannerStatistics.RefreshAsync(connection, CancellationToken.None);
    }
}

/// <summary>What the benchmarks need to know of the template: the made-up not-started communities by locality, the localities' API tokens.</summary>
internal sealed record StoreFacts(IReadOnlyDictionary<string, IReadOnlyList<string>> Extra, IReadOnlyList<string> WuhanLarge, IReadOnlyDictionary<string, long> Tokens)
{
    public static async Task<StoreFacts> ReadAsync(StoreDatabase database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var rows = (await connection.QueryAsync<(string Code, string Locality, string Town)>(
            """
            SELECT c.code AS Code, c.locality_code AS Locality, c.town_code AS Town FROM communities c
              JOIN community_state s ON s.community_code = c.code
             WHERE c.town_name = '基准街道' AND s.stage = 0 ORDER BY c.code
            """)).AsList();
        var tokens = (await connection.QueryAsync<(long Id, string Scope)>(
            "SELECT id AS Id, scope AS Scope FROM api_tokens WHERE kind = 'api' AND revoked_at IS NULL AND scope <> 'province' ORDER BY id")).AsList();
        return new StoreFacts(
            rows.Where(r => r.Town.EndsWith("980", StringComparison.Ordinal)).GroupBy(r => r.Locality, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Code).ToList(), StringComparer.Ordinal),
            rows.Where(r => r.Town == "420102990").Select(r => r.Code).ToList(),
            tokens.GroupBy(t => t.Scope, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal));
    }
}
