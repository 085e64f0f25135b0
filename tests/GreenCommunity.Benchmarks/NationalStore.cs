using System.Globalization;
using Dapper;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// The national store on either engine, as the product makes it: China's divisions and 124,649 urban communities
/// (../shared/data/china, or GC_CHINA_DATA) loaded by <see cref="NationalReferenceLoader"/>, then the national demo
/// history up to <see cref="Now"/> (seed 2021) written by <see cref="NationalDemoHistory"/> (reports, stage events,
/// assessments, the present and the county timeline). Built once per build of the Data project and kept (a file in the
/// temp folder on SQLite, a database on the benchmarks' PostgreSQL), like <see cref="EngineStore"/>'s template; the
/// benchmarks only read it. Also holds the summary benchmark's baseline table (<see cref="SnapshotTable"/>).
/// </summary>
internal sealed class NationalStore : IAsyncDisposable
{
    /// <summary>Noon in China on 30 November 2026: the history runs up to here.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The dense per-day snapshot, benchmark-only: every county with communities on every day from <see cref="FirstSnapshotDay"/> to today.</summary>
    public const string SnapshotTable = "bench_county_day";

    public static readonly DateOnly FirstSnapshotDay = new(2021, 5, 1);

    private NationalStore(StoreDatabase database, string location, TimeSpan? seeded) => (Database, Location, Seeded) = (database, location, seeded);

    public StoreDatabase Database { get; }

    /// <summary>Where the store is, for the record.</summary>
    public string Location { get; }

    /// <summary>How long seeding took when this process seeded it; null when it was there already.</summary>
    public TimeSpan? Seeded { get; }

    public static DateOnly Today => ChinaTime.DateAt(Now);

    /// <summary>The data folder beside the repository (../shared/data/china), or GC_CHINA_DATA.</summary>
    public static string DataDirectory =>
        Environment.GetEnvironmentVariable("GC_CHINA_DATA") is { Length: > 0 } configured ? configured : FindShared();

    public static PresentDay PresentDay(DateOnly today) => new(new FixedDayClock(today));

    /// <summary>The store for <paramref name="engine"/>, seeded first when this build has none yet.</summary>
    public static async Task<NationalStore> OpenAsync(StoreEngine engine)
    {
        var key = typeof(ReportWriter).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];
        var started = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? seeded = null;
        if (engine == StoreEngine.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "gc-bench-national-" + key);
            if (!File.Exists(Path.Combine(directory, ".complete")))
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
                var seeding = SqliteStore.ForDirectory(directory);
                await SeedAsync(seeding);
                await using (var connection = await seeding.OpenAsync(CancellationToken.None))
                {
                    await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
                }
                SqliteConnection.ClearAllPools();
                await File.WriteAllTextAsync(Path.Combine(directory, ".complete"), key);
                seeded = started.Elapsed;
            }
            return new NationalStore(SqliteStore.ForDirectory(directory), Path.Combine(directory, SqliteStore.DatabaseFileName), seeded);
        }

        var postgres = await BenchPostgres.SharedAsync();
        var name = "gc_bench_national_" + key;
        if (!await postgres.DatabaseExistsAsync(name))
        {
            var seedingName = name + "_seeding";
            await postgres.DropDatabaseAsync(seedingName);
            // The history's commit checks the deferred foreign keys of millions of rows on a durable server: longer than Npgsql's 30 s.
            var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync(seedingName)) { CommandTimeout = 1800 }.ConnectionString;
            var seeding = new PostgresStore(connectionString, Path.GetTempPath());
            await using (seeding)
            {
                await SeedAsync(seeding);
            }
            NpgsqlConnection.ClearAllPools();
            await postgres.RenameDatabaseAsync(seedingName, name);   // complete: later processes use it as it is
            seeded = started.Elapsed;
        }
        return new NationalStore(new PostgresStore(postgres.ConnectionString(name), Path.GetTempPath()), name, seeded);
    }

    private static async Task SeedAsync(StoreDatabase database)
    {
        var assets = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");
        var campaign = CampaignDefinition.Parse(await File.ReadAllTextAsync(Path.Combine(assets, "campaigns", "hubei-2021-2022.json")));
        await new DatabaseMigrator(database).MigrateAsync(CancellationToken.None);
        await new NationalReferenceLoader(database, new NationalDataFiles(DataDirectory)).LoadAsync(null, CancellationToken.None);
        await new NationalDemoHistory(database, campaign, new FixedInstantClock(Now)).WriteAsync(2021, CancellationToken.None);
        await WriteSnapshotAsync(database);
    }

    /// <summary>
    /// The baseline's table: the figures of every county with communities on every day, expanded from county_timeline
    /// (which the data tests check against the history), primary key (day, county_code).
    /// </summary>
    private static async Task WriteSnapshotAsync(StoreDatabase database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var postgres = database.Engine == StoreEngine.Postgres;
        await connection.ExecuteAsync(postgres
            ? $"""
              CREATE TABLE {SnapshotTable} (day TEXT NOT NULL, county_code TEXT NOT NULL, communities BIGINT NOT NULL, not_started BIGINT NOT NULL,
                  pilot BIGINT NOT NULL, in_progress BIGINT NOT NULL, accepted BIGINT NOT NULL, pilots_ever BIGINT NOT NULL, PRIMARY KEY (day, county_code))
              """
            : $"""
              CREATE TABLE {SnapshotTable} (day TEXT NOT NULL, county_code TEXT NOT NULL, communities INTEGER NOT NULL, not_started INTEGER NOT NULL,
                  pilot INTEGER NOT NULL, in_progress INTEGER NOT NULL, accepted INTEGER NOT NULL, pilots_ever INTEGER NOT NULL, PRIMARY KEY (day, county_code)) WITHOUT ROWID
              """);
        var timeline = (await connection.QueryAsync<(string County, string Day, long Communities, long NotStarted, long Pilot, long InProgress, long Accepted, long PilotsEver)>(
            "SELECT county_code, day, communities, not_started, pilot, in_progress, accepted, pilots_ever FROM county_timeline ORDER BY county_code, day")).AsList();
        var counties = timeline.GroupBy(r => r.County, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        var next = new int[counties.Count];

        IEnumerable<object[]> Rows()
        {
            for (var day = FirstSnapshotDay; day <= Today; day = day.AddDays(1))
            {
                var text = IsoDay.Text(day);
                for (var c = 0; c < counties.Count; c++)
                {
                    var rows = counties[c];
                    while (next[c] + 1 < rows.Count && string.CompareOrdinal(rows[next[c] + 1].Day, text) <= 0)
                    {
                        next[c]++;
                    }
                    var r = rows[next[c]];
                    yield return [text, r.County, r.Communities, r.NotStarted, r.Pilot, r.InProgress, r.Accepted, r.PilotsEver];
                }
            }
        }

        if (connection is NpgsqlConnection npgsql)
        {
            await using (var import = await npgsql.BeginBinaryImportAsync(
                $"COPY {SnapshotTable} (day, county_code, communities, not_started, pilot, in_progress, accepted, pilots_ever) FROM STDIN (FORMAT BINARY)"))
            {
                import.Timeout = TimeSpan.FromMinutes(20);
                foreach (var row in Rows())
                {
                    await import.StartRowAsync();
                    await import.WriteAsync((string)row[0], NpgsqlDbType.Text);
                    await import.WriteAsync((string)row[1], NpgsqlDbType.Text);
                    for (var i = 2; i < row.Length; i++)
                    {
                        await import.WriteAsync((long)row[i], NpgsqlDbType.Bigint);
                    }
                }
                await import.CompleteAsync();
            }
            await connection.ExecuteAsync($"ANALYZE {SnapshotTable}", commandTimeout: 600);
            return;
        }
        var sqlite = (SqliteConnection)connection;
        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        await using var insert = sqlite.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"INSERT INTO {SnapshotTable} (day, county_code, communities, not_started, pilot, in_progress, accepted, pilots_ever) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7)");
        var parameters = Enumerable.Range(0, 8).Select(i => insert.Parameters.Add("$p" + i, i < 2 ? SqliteType.Text : SqliteType.Integer)).ToArray();
        insert.Prepare();
        foreach (var row in Rows())
        {
            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i];
            }
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "china");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("No shared/data/china above the benchmark; set GC_CHINA_DATA to the folder with communities.csv.gz.");
    }

    /// <summary>Lets go of the store's connections; the store itself stays for the next benchmark process.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Database is PostgresStore postgres)
        {
            await postgres.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
    }

    private sealed class FixedDayClock(DateOnly today) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(today.ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero);
    }

    private sealed class FixedInstantClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
