using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Storage;
using Npgsql;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// Where the write path's time goes on PostgreSQL, beside SQLite: the same realistic reports (3 updates each) through
/// the writer on both engines, then on PostgreSQL the server's own account of it (pg_stat_statements: statements per
/// report, execution and planning time; pg_stat_wal: the log's flushes), and the writer again on a connection string
/// that lets Npgsql prepare its statements (Max Auto Prepare, a setting, no code change); on SQLite the engine's own
/// per-statement times (<see cref="SqliteStatementProbe"/>). <c>--large</c>: one 5,000-update Wuhan report instead (after
/// the same 5 warm-up reports). Not a BenchmarkDotNet job: one pass, printed as Markdown and written to
/// docs/perf-results/write-profile-&lt;time&gt;.md.
/// </summary>
internal static class WriteProfile
{
    public static async Task<int> RunAsync(IReadOnlyList<string> options)
    {
        var large = options.Contains("--large", StringComparer.Ordinal);
        var reports = large ? 1 : options is ["--reports", var n, ..] ? int.Parse(n, CultureInfo.InvariantCulture) : 100;
        var configured = Environment.GetEnvironmentVariable(BenchPostgres.ConnectionVariable) is { Length: > 0 };
        await using var server = await BenchPostgres.StartOrUseAsync(statementStatistics: true);
        Environment.SetEnvironmentVariable(BenchPostgres.ConnectionVariable, server.AdminConnectionString);
        var md = new StringBuilder();
        md.AppendLine(large
            ? string.Create(CultureInfo.InvariantCulture, $"### Write path profile: one report of {LargeReportBenchmarks.Updates:N0} updates (16 criteria each), after 5 warm-up reports of 3")
            : string.Create(CultureInfo.InvariantCulture, $"### Write path profile: {reports} reports of 3 updates, one after another")).AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{PerfResults.Conditions()}; "
            + $"PostgreSQL {(configured ? "from GC_BENCH_POSTGRES" : "started for this run")}: {await server.DurabilityAsync()}.").AppendLine();

        var times = new List<(string What, double MsPerReport)>();
        await using var sqlite = await EngineStore.OpenAsync(StoreEngine.Sqlite);
        await using var postgres = await EngineStore.OpenAsync(StoreEngine.Postgres);
        // Both engines' plans name the same communities; each run writes into a fresh copy.
        var plan = Plan(sqlite.Facts, large, reports);
        var pgPlan = Plan(postgres.Facts, large, reports);

        var probe = new SqliteStatementProbe((SqliteStore)await sqlite.CopyAsync());
        times.Add(("SQLite, writer", await TimeWriterAsync(sqlite, probe, plan, reports, () =>
        {
            probe.Reset();
            return Task.CompletedTask;
        })));
        var sqliteStatements = probe.Read();
        await sqlite.DropCopiesAsync();
        times.Add(("SQLite, bare inserts", await TimeBareAsync(sqlite, plan, reports)));
        await sqlite.DropCopiesAsync();

        var copy = (PostgresStore)await postgres.CopyAsync();
        await using (var admin = new NpgsqlConnection(copy.DataSource.ConnectionString))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        var statistics = new StatementStatistics(copy.DataSource.ConnectionString);
        times.Add(("PostgreSQL, writer", await TimeWriterAsync(postgres, copy, pgPlan, reports, statistics.ResetAsync)));
        var (statements, wal) = await statistics.ReadAsync(reports);
        await postgres.DropCopiesAsync();
        times.Add(("PostgreSQL, bare inserts", await TimeBareAsync(postgres, pgPlan, reports)));
        await postgres.DropCopiesAsync();

        var prepared = (PostgresStore)await postgres.CopyAsync();
        var autoPrepare = new NpgsqlConnectionStringBuilder(prepared.DataSource.ConnectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString;
        await using (var withPrepare = new PostgresStore(autoPrepare, Path.GetTempPath()))
        {
            times.Add(("PostgreSQL, writer, Max Auto Prepare=64", await TimeWriterAsync(postgres, withPrepare, pgPlan, reports)));
        }
        await postgres.DropCopiesAsync();

        md.AppendLine("| run | ms per report | reports/s |").AppendLine("|---|---:|---:|");
        foreach (var (what, ms) in times)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {ms:F2} | {1000 / ms:F0} |");
        }
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"PostgreSQL's account of the writer's {reports} reports (pg_stat_statements, per report; a command of two statements is one round trip):").AppendLine();
        md.AppendLine("| statement | calls | exec ms | plan ms |").AppendLine("|---|---:|---:|---:|");
        foreach (var s in statements)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| `{s.Query}` | {s.Calls / reports:F1} | {s.ExecMs / reports:F3} | {s.PlanMs / reports:F3} |");
        }
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| **all** | {statements.Sum(s => s.Calls) / reports:F1} | {statements.Sum(s => s.ExecMs) / reports:F3} | {statements.Sum(s => s.PlanMs) / reports:F3} |").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"WAL: {wal}.").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"SQLite's account of the writer's {reports} reports (sqlite3_profile, per report; each statement of a command apart; the whole report took {times[0].MsPerReport:F2} ms):").AppendLine();
        md.AppendLine("| statement | calls | ms |").AppendLine("|---|---:|---:|");
        foreach (var (statement, calls, ms) in sqliteStatements)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| `{Shorten(statement)}` | {(double)calls / reports:F1} | {ms / reports:F3} |");
        }
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| **all** | {(double)sqliteStatements.Sum(s => s.Calls) / reports:F1} | {sqliteStatements.Sum(s => s.Ms) / reports:F3} |").AppendLine();

        await PerfResults.SaveAsync("write-profile", md.ToString());
        return 0;
    }

    /// <summary>5 warm-up reports of 3 updates, then the measured ones: <paramref name="reports"/> more of 3, or one of 5,000.</summary>
    private static IReadOnlyList<PlannedReport> Plan(StoreFacts facts, bool large, int reports) => large
        ? [.. IngestPlans.Realistic(facts, 5, 3), IngestPlans.Large(facts, LargeReportBenchmarks.Updates)]
        : IngestPlans.Realistic(facts, 5 + reports, 3);

    private static string Shorten(string statement)
    {
        var text = string.Join(' ', statement.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        // Its start and its end: statements over the same list begin alike (WITH wanted AS …).
        return (text.Length > 130 ? $"{text[..70]} … {text[^55..]}" : text).Replace("|", "\\|", StringComparison.Ordinal);
    }

    private static async Task<double> TimeWriterAsync(EngineStore store, StoreDatabase copy, IReadOnlyList<PlannedReport> plan, int reports, Func<Task>? beforeMeasuring = null)
    {
        using var writer = new ReportWriter(copy, store.Campaign);
        for (var k = 0; k < 5; k++)
        {
            await ApiWrite.SubmitAsync(writer, plan[k]);   // warm-up
        }
        if (beforeMeasuring is not null)
        {
            await beforeMeasuring();
        }
        var clock = Stopwatch.StartNew();
        for (var k = 5; k < 5 + reports; k++)
        {
            await ApiWrite.SubmitAsync(writer, plan[k]);
        }
        return clock.Elapsed.TotalMilliseconds / reports;
    }

    private static async Task<double> TimeBareAsync(EngineStore store, IReadOnlyList<PlannedReport> plan, int reports)
    {
        var recording = await store.CopyAsync();
        var written = new List<(PlannedReport, StoredReport)>();
        using (var writer = new ReportWriter(recording, store.Campaign))
        {
            foreach (var planned in plan)
            {
                written.Add((planned, await ApiWrite.SubmitAsync(writer, planned)));
            }
        }
        var rows = await RowRecorder.RecordAsync(recording, written);
        await using var bare = await BareWriter.OpenAsync(await store.CopyAsync());
        for (var k = 0; k < 5; k++)
        {
            await bare.WriteAsync(rows[k]);
        }
        var clock = Stopwatch.StartNew();
        for (var k = 5; k < 5 + reports; k++)
        {
            await bare.WriteAsync(rows[k]);
        }
        return clock.Elapsed.TotalMilliseconds / reports;
    }

    private sealed record Statement(string Query, double Calls, double ExecMs, double PlanMs);

    /// <summary>pg_stat_statements and pg_stat_wal of one database, reset before the measured reports.</summary>
    private sealed class StatementStatistics(string connectionString)
    {
        public async Task ResetAsync()
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await connection.ExecuteAsync("SELECT pg_stat_statements_reset(); SELECT pg_stat_reset_shared('wal');");
        }

        public async Task<(IReadOnlyList<Statement> Statements, string Wal)> ReadAsync(int reports)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var rows = (await connection.QueryAsync<(string Query, long Calls, double Exec, double Plan)>(
                """
                SELECT regexp_replace(left(query, 90), '\s+', ' ', 'g') AS Query, calls AS Calls, total_exec_time AS Exec, total_plan_time AS Plan
                  FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND query NOT LIKE '%pg_stat%'
                 ORDER BY total_exec_time + total_plan_time DESC
                """)).Select(r => new Statement(r.Query.Replace("|", "\\|", StringComparison.Ordinal), r.Calls, r.Exec, r.Plan)).ToList();
            var wal = await connection.QuerySingleAsync<(long Records, long Syncs, double SyncMs, double WriteMs)>(
                "SELECT wal_records AS Records, wal_sync AS Syncs, wal_sync_time AS SyncMs, wal_write_time AS WriteMs FROM pg_stat_wal");
            return (rows, string.Create(CultureInfo.InvariantCulture,
                $"{(double)wal.Syncs / reports:F2} flushes per report, {wal.SyncMs / reports:F3} ms flushing and {wal.WriteMs / reports:F3} ms writing per report, {wal.Records / reports} records per report"));
        }
    }
}
