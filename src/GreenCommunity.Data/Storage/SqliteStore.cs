using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace GreenCommunity.Data.Storage;

/// <summary>
/// The embedded default: one SQLite file in WAL mode. Every connection runs with synchronous=FULL so that a committed
/// report survives a crash or power cut, and with foreign keys enforced. SQLite has one writer at a time by design,
/// so a write transaction is BEGIN IMMEDIATE and a snapshot a deferred transaction (WAL lets it read beside a writer).
/// </summary>
public sealed class SqliteStore : StoreDatabase, IDisposable
{
    public const string DatabaseFileName = "greencommunity.db";

    /// <summary>How many open connections the store keeps idle between uses (the app's concurrent readers rarely exceed it).</summary>
    public const int MaxIdleConnections = 8;

    private readonly string _connectionString;

    // Most recently used first: the warmest statements serve the next caller.
    private readonly Stack<StatementKeepingSqliteConnection> _idle = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    public SqliteStore(string databasePath)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    public override StoreEngine Engine => StoreEngine.Sqlite;

    public override string Location => DatabasePath;

    public override string FilesDirectory => Path.GetDirectoryName(DatabasePath)!;

    public static SqliteStore ForDirectory(string dataDirectory) => new(Path.Combine(dataDirectory, DatabaseFileName));

    /// <summary>
    /// An idle connection this store keeps, or a new one: kept connections hold their compiled statements for the next
    /// user (see <see cref="StatementKeepingSqliteConnection"/>), as Npgsql's pool does with automatic preparation. At most
    /// <see cref="MaxIdleConnections"/> are kept idle; beyond that a connection closes when disposed.
    /// </summary>
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_idle.TryPop(out var kept))
            {
                return kept;
            }
        }
        return await OpenAsync(new StatementKeepingSqliteConnection(_connectionString, Keep), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The idle connections, most recently used first: for tests.</summary>
    internal IReadOnlyList<StatementKeepingSqliteConnection> IdleConnections
    {
        get
        {
            lock (_gate)
            {
                return [.. _idle];
            }
        }
    }

    private bool Keep(StatementKeepingSqliteConnection connection)
    {
        lock (_gate)
        {
            if (_disposed || _idle.Count >= MaxIdleConnections)
            {
                return false;
            }
            _idle.Push(connection);
            return true;
        }
    }

    /// <summary>Closes the idle connections, and any handed back later: the last connection to close folds SQLite's log back into the file.</summary>
    public void Dispose()
    {
        StatementKeepingSqliteConnection[] idle;
        lock (_gate)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }
        foreach (var connection in idle)
        {
            connection.CloseForGood();
        }
    }

    private static async Task<DbConnection> OpenAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // A plain command: run once per connection, it is not one to keep compiled.
            await using var pragma = new SqliteCommand("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;", connection);
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);   // BEGIN IMMEDIATE

    public override Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(FilesDirectory);
        return Task.CompletedTask;
    }
}
