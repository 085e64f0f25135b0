using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// The PostgreSQL the benchmarks write to, durable as a production server is (fsync on, synchronous_commit on, the
/// defaults): the server <c>GC_BENCH_POSTGRES</c> names (a connection string whose user may create databases), or one
/// started from Debian's packages on 127.0.0.1 in a temporary folder, as the data tests' PostgresServer does but
/// without its fsync=off. The benchmark program starts it once and hands it to the benchmark processes through
/// <c>GC_BENCH_POSTGRES</c>, so that the demo store seeded by the first of them serves the others.
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    public const string ConnectionVariable = "GC_BENCH_POSTGRES";

    private static readonly Lazy<Task<BenchPostgres>> s_shared = new(() => StartOrUseAsync(statementStatistics: false));

    private Func<Task>? _stop;

    private BenchPostgres(string adminConnectionString, bool ownServer, Func<Task>? stop)
    {
        (AdminConnectionString, OwnServer, _stop) = (adminConnectionString, ownServer, stop);
    }

    /// <summary>A connection string to the server's <c>postgres</c> database, for creating and dropping databases.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Whether this process started the server (and stops it).</summary>
    public bool OwnServer { get; }

    /// <summary>The server of this process: GC_BENCH_POSTGRES's, or one started on first use and stopped at exit.</summary>
    public static Task<BenchPostgres> SharedAsync() => s_shared.Value;

    /// <summary>
    /// GC_BENCH_POSTGRES's server, else a new one (with pg_stat_statements and the WAL's timing when
    /// <paramref name="statementStatistics"/>, for the profile of the write path).
    /// </summary>
    public static async Task<BenchPostgres> StartOrUseAsync(bool statementStatistics)
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } configured)
        {
            return new BenchPostgres(configured, ownServer: false, stop: null);
        }
        var bin = FindBinaries();
        var folder = Path.Combine(Path.GetTempPath(), "gc-bench-pg-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres:postgres", folder], asPostgres: false);   // PostgreSQL refuses to run as root
        }
        var port = FreePort();
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "--locale=C", "-E", "UTF8", "--auth=trust", "-U", "postgres"], asRoot);
        // fsync, synchronous_commit and full_page_writes stay at their defaults (on): a commit waits for the disk.
        var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB";
        if (statementStatistics)
        {
            options += " -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on -c track_wal_io_timing=on";
        }
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "start", "-o", options], asRoot);
        async Task StopAsync()
        {
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], asRoot);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
        var server = new BenchPostgres($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false", ownServer: true, StopAsync);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }

    /// <summary>The server's settings that decide durability, for the record.</summary>
    public async Task<string> DurabilityAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        var parts = new List<string>();
        foreach (var name in new[] { "server_version", "fsync", "synchronous_commit", "wal_sync_method", "full_page_writes" })
        {
            await using var show = new NpgsqlCommand($"SHOW {name}", connection);
            parts.Add($"{name}={await show.ExecuteScalarAsync()}");
        }
        return string.Join(", ", parts);
    }

    public async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
        return (long)(await exists.ExecuteScalarAsync())! != 0;
    }

    /// <summary>A new database (C collation, as the product asks), empty or a copy of <paramref name="template"/>; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, string? template = null)
    {
        await ExecuteAsync(template is null
            ? $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
            // FILE_COPY: the template's files copied as they are (the default, WAL_LOG, writes the whole copy into the log).
            : $"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY");
        return ConnectionString(name);
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true }.ConnectionString;

    public Task DropDatabaseAsync(string name) => ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    public Task RenameDatabaseAsync(string from, string to) => ExecuteAsync($"ALTER DATABASE {from} RENAME TO {to}");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Whether a benchmark run with these arguments may include a benchmark on PostgreSQL.</summary>
    public static bool NeededFor(IReadOnlyList<string> args) =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is not { Length: > 0 }
        && args.Any(a => a.Contains('*', StringComparison.Ordinal) || a.Contains("Ingest", StringComparison.Ordinal) || a.Contains("LargeReport", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stop, null) is { } stop)
        {
            await stop();
        }
    }

    private static string FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            $"No PostgreSQL to benchmark on: set {ConnectionVariable} to a connection string, or install Debian's package (apt-get install postgresql).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres)
        {
            foreach (var part in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(part);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
