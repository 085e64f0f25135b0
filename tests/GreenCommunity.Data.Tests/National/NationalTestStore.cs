using System.Globalization;
using System.IO.Compression;
using Dapper;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;

namespace GreenCommunity.Data.Tests.National;

/// <summary>A new store (this suite's engine) with the schema, for the national loader and demo history; optionally some provinces loaded.</summary>
public sealed class NationalTestStore : IAsyncDisposable
{
    /// <summary>Noon in China on 30 November 2026, the demo fixture's now.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(8));

    private NationalTestStore(string directory, StoreDatabase database) => (Directory, Database) = (directory, database);

    public string Directory { get; }

    public StoreDatabase Database { get; }

    public NationalReferenceCounts? Loaded { get; private set; }

    /// <summary>The china folder: GC_CHINA_DATA, the assets' reference/china, or shared/data/china above the test's folder (beside the repository).</summary>
    public static string DataDirectory { get; } = Environment.GetEnvironmentVariable("GC_CHINA_DATA") is { Length: > 0 } configured ? configured : FindShared();

    public static NationalDataFiles Files { get; } = new(DataDirectory);

    public static async Task<NationalTestStore> CreateAsync(params string[] provinces)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gc-national-" + Guid.NewGuid().ToString("N"));
        var store = new NationalTestStore(directory, await TestDatabases.CreateAsync(directory));
        await new DatabaseMigrator(store.Database).MigrateAsync(CancellationToken.None);
        if (provinces.Length > 0)
        {
            store.Loaded = await store.Loader().LoadAsync(provinces, CancellationToken.None);
        }
        return store;
    }

    public NationalReferenceLoader Loader(NationalDataFiles? files = null) => new(Database, files ?? Files);

    public NationalDemoHistory History(DateTimeOffset? now = null) => new(Database, TestStore.Campaign, new FixedClock(now ?? Now));

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    /// <summary>
    /// Every row of the tables the reference data, a report and the present hold, in key order, each value with its
    /// type (an INTEGER 1 is not a REAL 1.0): two stores with equal dumps hold the same data.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> DumpAsync()
    {
        var tables = new Dictionary<string, string>
        {
            ["regions"] = "code, level",
            ["communities"] = "code",
            ["reports"] = "id",
            ["stage_events"] = "id",
            ["criterion_assessments"] = "id",
            ["community_state"] = "community_code",
            ["community_criteria"] = "community_code, criterion",
        };
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var dump = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (table, key) in tables)
        {
            var rows = await connection.QueryAsync($"SELECT * FROM {table} ORDER BY {key}");
            dump[table] = rows.Cast<IDictionary<string, object?>>()
                .Select(r => string.Join('|', r.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={Typed(c.Value)}")))
                .ToList();
        }
        return dump;
    }

    private static string Typed(object? value) => value switch
    {
        null => "null",
        double d => "real:" + d.ToString("R", CultureInfo.InvariantCulture),
        long l => "integer:" + l.ToString(CultureInfo.InvariantCulture),
        int i => "integer:" + i.ToString(CultureInfo.InvariantCulture),
        string s => "text:" + s,
        _ => value.GetType().Name + ":" + Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The rows of a reference file (plain or gzip) as header → field, read here independently of the loader.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string name)
    {
        var path = Path.Combine(DataDirectory, name);
        using var file = File.OpenRead(path);
        using var stream = name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(stream);
        var header = reader.ReadLine()!.Split(',');
        var rows = new List<Dictionary<string, string>>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var fields = line.Split(',');
            rows.Add(header.Select((h, i) => (h, v: fields[i].Trim('"'))).ToDictionary(x => x.h, x => x.v));
        }
        return rows;
    }

    private static string FindShared()
    {
        // The product's own copy, in the build output with the other assets: a clean clone needs nothing beside it.
        var product = Path.Combine(TestStore.AssetsDirectory, "reference", "china");
        if (System.IO.Directory.Exists(product))
        {
            return product;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "china");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("No shared/data/china above the tests; set GC_CHINA_DATA to the folder with communities.csv.gz.");
    }

    public async ValueTask DisposeAsync()
    {
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
