using System.Data;
using System.Data.Common;
using Dapper;
using Npgsql;

namespace GreenCommunity.Data.Storage;

/// <summary>
/// PostgreSQL, for several dashboard servers on one store and for national scale. Commits wait for the write-ahead log
/// to reach the disk (synchronous_commit = on, set on every connection), as SQLite's synchronous=FULL does. Writers take
/// one transaction-scoped advisory lock, so every server's intake is serialised exactly as SQLite's single writer is:
/// the idempotency key, the sender's right and the communities' history are checked and written with no other write
/// between. A snapshot is a REPEATABLE READ, read-only transaction.
/// </summary>
public sealed class PostgresStore : StoreDatabase, IAsyncDisposable
{
    /// <summary>The advisory lock every write transaction holds ("GCDB" in ASCII): one number shared by all servers.</summary>
    public const long WriteLockKey = 0x47434442;

    /// <summary>How many statements each connection keeps prepared unless the connection string says otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>After how many uses on a connection a statement is prepared, unless the connection string says otherwise.</summary>
    public const int DefaultAutoPrepareMinUsages = 2;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresStore(string connectionString, string filesDirectory)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = $"{builder.Host}:{builder.Port}/{builder.Database}";
        FilesDirectory = Path.GetFullPath(filesDirectory);
        // A server may be set to commit before the log reaches the disk; an acknowledged report must not depend on that.
        builder.Options = string.Join(' ', new[] { builder.Options, "-c synchronous_commit=on" }.Where(o => !string.IsNullOrWhiteSpace(o)));
        // The intake sends the same dozen statements for every report: prepared on the server after a few uses, they
        // skip parsing and planning each time (the write profile: 77 against 96 ms a report). A connection string that
        // sets the number itself (0 turns it off, as behind a pooler that cannot keep prepared statements) wins.
        if (!SetsKeyword(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }
        // From a statement's second use, not its fifth (Npgsql's default): reports come seldom, and the pool closes a
        // connection idle for five minutes, its prepared statements with it; the first reports on a new connection paid
        // parsing and planning for every statement (the ingest benchmark: 40 reports on a new store each iteration).
        if (!SetsKeyword(connectionString, "Auto Prepare Min Usages", "AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = DefaultAutoPrepareMinUsages;
        }
        _dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    public override StoreEngine Engine => StoreEngine.Postgres;

    public override string Location { get; }

    public override string FilesDirectory { get; }

    /// <summary>The connection string's settings, for tools that need a connection of their own (LISTEN).</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = WriteLockKey }, transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Npgsql sends BEGIN with the transaction's first command, so the caller's first command carries BEGIN and the lock.
    public override async Task<DbTransaction> BeginWriteLockedByCallerAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    // A statement of its own before the reads: under READ COMMITTED each statement sees what was committed when it began,
    // so the statements after it see every write of the servers that held the lock before. It also has the transaction
    // keep one plan per prepared statement for all arguments: left to choose, PostgreSQL planned the intake's statements
    // over arrays anew for every report (about 1.2 ms of a 3-update report's server time, docs/PERFORMANCE.md), since a
    // plan for the actual array length always looks cheaper than one for a guessed length. Their one plans are searches by key.
    public override string WriteLockStatement { get; } = $"SELECT {GenericPlansForTransaction}, pg_advisory_xact_lock({WriteLockKey});\n";

    /// <summary>An expression that has the current transaction (or a command outside one) keep one plan per prepared statement.</summary>
    internal const string GenericPlansForTransaction = "set_config('plan_cache_mode', 'force_generic_plan', true)";

    public override Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(FilesDirectory);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Whether the connection string itself names one of the keywords (Npgsql's builder cannot tell a default from a given value).</summary>
    private static bool SetsKeyword(string connectionString, params string[] keywords)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };   // keys compared case-insensitively
        return keywords.Any(given.ContainsKey);
    }
}
