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

    private readonly string _connectionString;

    private StatementKeepingSqliteConnection? _keptForWriting;
    private volatile bool _disposed;

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

    public override Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(new SqliteConnection(_connectionString), cancellationToken);

    /// <summary>
    /// The connection this store keeps for its writer, when it is free, or a new one to be kept: its compiled statements
    /// serve the next write transaction (see <see cref="StatementKeepingSqliteConnection"/>). One is kept; a second
    /// caller meanwhile gets one of its own, closed when disposed.
    /// </summary>
    public override async Task<DbConnection> OpenForWritingAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _keptForWriting, null) is { } kept
            ? kept
            : await OpenAsync(new StatementKeepingSqliteConnection(_connectionString, Keep), cancellationToken).ConfigureAwait(false);

    private bool Keep(StatementKeepingSqliteConnection connection)
    {
        if (_disposed || Interlocked.CompareExchange(ref _keptForWriting, connection, null) is not null)
        {
            return false;
        }
        // Disposed meanwhile: take it back (unless Dispose already closed it) and let it close.
        return !_disposed || Interlocked.CompareExchange(ref _keptForWriting, null, connection) != connection;
    }

    /// <summary>Closes the connection kept for the writer: the last connection to close folds SQLite's log back into the file.</summary>
    public void Dispose()
    {
        _disposed = true;
        Interlocked.Exchange(ref _keptForWriting, null)?.CloseForGood();
    }

    private static async Task<DbConnection> OpenAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;";
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
