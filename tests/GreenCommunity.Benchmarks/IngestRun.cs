using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace GreenCommunity.Benchmarks;

/// <summary>A report as a locality's API token sends it: the submission, its JSON body and the token.</summary>
internal sealed record PlannedReport(ReportSubmission Report, string Body, long TokenId);

/// <summary>The reports the ingest benchmarks send, each naming communities no other report of the plan names.</summary>
internal static class IngestPlans
{
    /// <summary>
    /// <paramref name="count"/> monthly reports, round-robin over the 17 localities, each moving <paramref name="updates"/>
    /// of the locality's not-started communities to in progress with all 16 criteria assessed (a full row of the Excel template).
    /// </summary>
    public static IReadOnlyList<PlannedReport> Realistic(StoreFacts facts, int count, int updates)
    {
        var localities = facts.Extra.Keys.Where(facts.Tokens.ContainsKey).Order(StringComparer.Ordinal).ToList();
        var used = localities.ToDictionary(l => l, _ => 0, StringComparer.Ordinal);
        var plan = new List<PlannedReport>(count);
        for (var k = 0; k < count; k++)
        {
            var locality = localities[k % localities.Count];
            var communities = facts.Extra[locality].Skip(used[locality]).Take(updates).ToList();
            if (communities.Count < updates)
            {
                throw new InvalidOperationException($"{locality} has too few made-up communities for {count} reports of {updates} updates.");
            }
            used[locality] += updates;
            plan.Add(Plan(locality, communities, facts));
        }
        return plan;
    }

    /// <summary>One Wuhan report moving <paramref name="updates"/> not-started communities to in progress, all 16 criteria each.</summary>
    public static PlannedReport Large(StoreFacts facts, int updates) =>
        Plan(EngineStore.Wuhan, facts.WuhanLarge.Take(updates).ToList() is { } codes && codes.Count == updates ? codes
            : throw new InvalidOperationException($"Wuhan has fewer than {updates} made-up communities."), facts);

    private static PlannedReport Plan(string locality, IReadOnlyList<string> communities, StoreFacts facts)
    {
        var report = WritePathStore.Report(locality, communities.Select(c => (c, Stage.InProgress)));
        return new PlannedReport(report, ReportJson.Serialize(report), facts.Tokens[locality]);
    }
}

/// <summary>The product's write path as the API drives it (Intake/ReportIntake): the body as received, an idempotency key, the token re-checked, the audit row.</summary>
internal static class ApiWrite
{
    public static async Task<StoredReport> SubmitAsync(ReportWriter writer, PlannedReport planned)
    {
        var now = DateTimeOffset.UtcNow;
        var receivedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        var actor = $"token:{planned.TokenId}";
        var claim = new IdempotencyClaim(actor, "bench-" + Guid.NewGuid().ToString("N"), Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(planned.Body))));
        var receipt = new ReportReceipt(SubmitterScope.ForLocality(planned.Report.Locality), receivedAt, planned.Body, Idempotency: claim,
            AuditActor: actor, AuditAddress: "127.0.0.1", Sender: SubmittingAccount.Token(planned.TokenId));
        var outcome = await writer.SubmitAsync(planned.Report, receipt, CancellationToken.None);
        return outcome.Kind == ReportOutcomeKind.Stored ? outcome.Stored!
            : throw new InvalidOperationException($"Expected Stored, got {outcome.Kind}: {string.Join("; ", outcome.Errors.Problems.Take(3).Select(p => $"{p.Path} {p.EnglishText}"))}");
    }
}

/// <summary>How a recorded table's rows go back in: a plain INSERT, an UPDATE of the present by community, an upsert on the table's key.</summary>
internal enum RowWrite
{
    Insert,
    UpdateState,
    Upsert,
}

/// <summary>The rows one table got from one report: column names, and each row's values in that order; <paramref name="Key"/> the upsert's conflict columns.</summary>
internal sealed record TableRows(string Table, RowWrite Write, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, string Key = "");

/// <summary>Everything one report wrote, table by table, in an order the foreign keys accept.</summary>
internal sealed record ReportRowSet(IReadOnlyList<TableRows> Tables)
{
    public int RowCount => Tables.Sum(t => t.Rows.Count);
}

/// <summary>Reads back what the writer wrote for each report: the rows the bare inserts then write again.</summary>
internal static class RowRecorder
{
    public static async Task<IReadOnlyList<ReportRowSet>> RecordAsync(StoreDatabase database, IReadOnlyList<(PlannedReport Planned, StoredReport Stored)> written)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var engine = StoreSql.EngineOf(connection);
        var sets = new List<ReportRowSet>();
        foreach (var (planned, stored) in written)
        {
            var communities = planned.Report.Updates.Select(u => u.Community).ToArray();
            var inList = StoreSql.InList(engine, "community_code", "@communities");
            var report = new { report = stored.Sequence, communities, target = $"{stored.Locality} {stored.ReportId}" };
            sets.Add(new ReportRowSet(
            [
                await ReadAsync(connection, "reports", RowWrite.Insert, "SELECT * FROM reports WHERE id = @report", report),
                await ReadAsync(connection, "stage_events", RowWrite.Insert, "SELECT * FROM stage_events WHERE report = @report ORDER BY id", report),
                await ReadAsync(connection, "criterion_assessments", RowWrite.Insert, "SELECT * FROM criterion_assessments WHERE report = @report ORDER BY id", report),
                await ReadAsync(connection, "community_state", RowWrite.UpdateState, $"SELECT * FROM community_state WHERE {inList} ORDER BY community_code", report),
                await ReadAsync(connection, "community_criteria", RowWrite.Upsert, $"SELECT * FROM community_criteria WHERE {inList} ORDER BY community_code, criterion", report,
                    "community_code, criterion"),
                // The timelines' rows of the report's day in its counties and the regions above them, as the writer upserts them
                // (its reports are of today, the last day of every timeline: no later row moves).
                await ReadAsync(connection, "county_timeline", RowWrite.Upsert, $"{DaysSql} SELECT t.* FROM county_timeline t JOIN days d ON d.day = t.day "
                    + "WHERE t.county_code IN (SELECT c.county_code FROM communities c JOIN stage_events e ON e.community_code = c.code WHERE e.report = @report) "
                    + "ORDER BY t.county_code, t.day", report, "county_code, day"),
                await ReadAsync(connection, "region_timeline", RowWrite.Upsert, $"{DaysSql} SELECT t.* FROM region_timeline t JOIN days d ON d.day = t.day "
                    + "WHERE t.region_code IN (SELECT code FROM up) ORDER BY t.level, t.region_code, t.day", report, "level, region_code, day"),
                await ReadAsync(connection, "audit_log", RowWrite.Insert, "SELECT * FROM audit_log WHERE action = 'report.submit' AND target = @target ORDER BY id", report),
                await ReadAsync(connection, "idempotency_keys", RowWrite.Insert, "SELECT * FROM idempotency_keys WHERE report = @report", report),
            ]));
        }
        return sets;
    }

    /// <summary>Row counts of the tables a report writes, and a digest of the named communities' present: what a replay must reproduce.</summary>
    public static async Task<string> FingerprintAsync(StoreDatabase database, IEnumerable<string> communities)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var inList = StoreSql.InList(StoreSql.EngineOf(connection), "community_code", "@communities");
        var args = new { communities = communities.ToArray() };
        var counts = new List<string>();
        foreach (var table in new[] { "reports", "stage_events", "criterion_assessments", "community_criteria", "audit_log", "idempotency_keys" })
        {
            counts.Add($"{table}={await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}")}");
        }
        var state = (await connection.QueryAsync(
            $"""
            SELECT community_code, stage, pilot, effective, event_id, criteria_met, met_mask, c12, last_report, last_change
              FROM community_state WHERE {inList} ORDER BY community_code
            """, args)).Cast<IDictionary<string, object>>().Select(r => string.Join("|", r.Values));
        return string.Join(", ", counts) + "; state " + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", state))))[..16];
    }

    // The report's event days, and its counties with every region above them.
    private const string DaysSql =
        """
        WITH RECURSIVE days(day) AS (SELECT DISTINCT effective FROM stage_events WHERE report = @report),
        up(code) AS (
            SELECT c.county_code FROM stage_events e JOIN communities c ON c.code = e.community_code WHERE e.report = @report
            UNION
            SELECT r.parent_code FROM regions r JOIN up ON r.code = up.code WHERE r.parent_code IS NOT NULL)
        """;

    private static async Task<TableRows> ReadAsync(DbConnection connection, string table, RowWrite write, string sql, object args, string key = "")
    {
        var rows = (await connection.QueryAsync(sql, args)).Cast<IDictionary<string, object>>().ToList();
        var columns = rows.Count > 0 ? rows[0].Keys.ToList()
            : [];
        return new TableRows(table, write, columns, rows.Select(r => columns.Select(c => r[c] is DBNull ? null : r[c]).ToArray()).ToList(), key);
    }
}

/// <summary>
/// The baseline: the same rows as the writer wrote, by plain prepared INSERT and UPDATE statements, one transaction
/// per report, with the same durability (SQLite synchronous=FULL in WAL; PostgreSQL synchronous_commit=on) and no
/// reading, checking or locking. On SQLite each row is one execution of a prepared statement; on PostgreSQL a
/// report's statements go to the server as one batch (auto-prepared), the fewest round trips plain statements allow.
/// PostgreSQL's history checks its references once a statement (migration 0018), which for statements of one row each
/// costs more than a key; the bare inserts' copy has the keys instead, the cheaper check for their way of inserting.
/// </summary>
internal sealed class BareWriter : IAsyncDisposable
{
    private const int BatchSize = 2_000;

    private readonly DbConnection _connection;
    private readonly Dictionary<string, DbCommand> _prepared = new(StringComparer.Ordinal);
    private readonly NpgsqlDataSource? _dataSource;

    /// <summary>The history's references as they were before 0018: a key per row, the report's deferred.</summary>
    internal const string PerRowKeysSql =
        """
        DROP TRIGGER criterion_assessments_references_known ON criterion_assessments;
        ALTER TABLE criterion_assessments
          ADD CONSTRAINT criterion_assessments_community_code_fkey FOREIGN KEY (community_code) REFERENCES communities (code),
          ADD CONSTRAINT criterion_assessments_report_fkey FOREIGN KEY (report) REFERENCES reports (id) DEFERRABLE INITIALLY DEFERRED
        """;

    private BareWriter(DbConnection connection, NpgsqlDataSource? dataSource) => (_connection, _dataSource) = (connection, dataSource);

    public static async Task<BareWriter> OpenAsync(StoreDatabase copy)
    {
        if (copy is PostgresStore postgres)
        {
            // The copy's connection string carries synchronous_commit=on (PostgresStore adds it); auto-prepare keeps each statement parsed once.
            var builder = new NpgsqlConnectionStringBuilder(postgres.DataSource.ConnectionString) { MaxAutoPrepare = 32, AutoPrepareMinUsages = 2 };
            var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
            var connection = await dataSource.OpenConnectionAsync();
            await connection.ExecuteAsync(PerRowKeysSql);
            return new BareWriter(connection, dataSource);
        }
        // The product's own connection: synchronous=FULL, foreign keys on, the file in WAL mode.
        return new BareWriter(await copy.OpenAsync(CancellationToken.None), null);
    }

    public Task WriteAsync(ReportRowSet set) => _connection is NpgsqlConnection postgres ? WritePostgresAsync(postgres, set) : WriteSqliteAsync((SqliteConnection)_connection, set);

    private async Task WriteSqliteAsync(SqliteConnection connection, ReportRowSet set)
    {
        await using var transaction = connection.BeginTransaction();   // BEGIN IMMEDIATE, as the writer's
        foreach (var table in set.Tables)
        {
            if (table.Rows.Count == 0)
            {
                continue;
            }
            var command = Prepared(connection, table, transaction);
            foreach (var row in table.Rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    command.Parameters[i].Value = row[i] ?? DBNull.Value;
                }
                await command.ExecuteNonQueryAsync();
            }
        }
        await transaction.CommitAsync();
    }

    private DbCommand Prepared(SqliteConnection connection, TableRows table, DbTransaction transaction)
    {
        var sql = Sql(table, StoreEngine.Sqlite);
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < table.Columns.Count; i++)
            {
                command.Parameters.Add(new SqliteParameter($"@p{i + 1}", SqliteTypeOf(table, i)));
            }
            command.Prepare();
            _prepared[sql] = command;
        }
        command.Transaction = transaction;
        return command;
    }

    private static async Task WritePostgresAsync(NpgsqlConnection connection, ReportRowSet set)
    {
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted);
        var batch = new NpgsqlBatch(connection, transaction);
        try
        {
            foreach (var table in set.Tables)
            {
                var sql = Sql(table, StoreEngine.Postgres);
                var types = Enumerable.Range(0, table.Columns.Count).Select(i => NpgsqlTypeOf(table, i)).ToArray();
                foreach (var row in table.Rows)
                {
                    var command = new NpgsqlBatchCommand(sql);
                    for (var i = 0; i < row.Length; i++)
                    {
                        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = types[i], Value = row[i] ?? DBNull.Value });
                    }
                    batch.BatchCommands.Add(command);
                    if (batch.BatchCommands.Count == BatchSize)
                    {
                        await batch.ExecuteNonQueryAsync();
                        await batch.DisposeAsync();
                        batch = new NpgsqlBatch(connection, transaction);
                    }
                }
            }
            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync();
            }
        }
        finally
        {
            await batch.DisposeAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>The statement for a table's rows: parameters $1… on PostgreSQL, @p1… on SQLite.</summary>
    private static string Sql(TableRows table, StoreEngine engine)
    {
        string P(int i) => engine == StoreEngine.Postgres ? $"${i + 1}" : $"@p{i + 1}";
        var columns = table.Columns;
        var values = string.Join(", ", columns.Select((_, i) => P(i)));
        return table.Write switch
        {
            RowWrite.Insert => $"INSERT INTO {table.Table} ({string.Join(", ", columns)}) VALUES ({values})",
            RowWrite.UpdateState => $"UPDATE community_state SET {string.Join(", ", columns.Select((c, i) => (c, i)).Where(x => x.c != "community_code").Select(x => $"{x.c} = {P(x.i)}"))} "
                + $"WHERE community_code = {P(columns.ToList().IndexOf("community_code"))}",
            _ => $"INSERT INTO {table.Table} ({string.Join(", ", columns)}) VALUES ({values}) ON CONFLICT ({table.Key}) DO UPDATE SET "
                + string.Join(", ", columns.Where(c => !table.Key.Split(", ").Contains(c)).Select(c => $"{c} = excluded.{c}")),
        };
    }

    private static Type? ClrTypeOf(TableRows table, int column)
    {
        var types = table.Rows.Select(r => r[column]?.GetType()).Where(t => t is not null).Distinct().ToList();
        return types.Contains(typeof(double)) ? typeof(double) : types.FirstOrDefault();
    }

    private static SqliteType SqliteTypeOf(TableRows table, int column) => ClrTypeOf(table, column) switch
    {
        { } t when t == typeof(long) => SqliteType.Integer,
        { } t when t == typeof(double) => SqliteType.Real,
        _ => SqliteType.Text,
    };

    private static NpgsqlDbType NpgsqlTypeOf(TableRows table, int column) => ClrTypeOf(table, column) switch
    {
        { } t when t == typeof(long) => NpgsqlDbType.Bigint,
        { } t when t == typeof(double) => NpgsqlDbType.Double,
        _ => NpgsqlDbType.Text,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _prepared.Values)
        {
            await command.DisposeAsync();
        }
        await _connection.DisposeAsync();
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }
}
