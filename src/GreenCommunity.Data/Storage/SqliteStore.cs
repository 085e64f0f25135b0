using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace GreenCommunity.Data.Storage;

/// <summary>
/// The embedded default: one SQLite file in WAL mode. Every connection runs with synchronous=FULL so that a committed
/// report survives a crash or power cut, and with foreign keys enforced. SQLite has one writer at a time by design,
/// so a write transaction is BEGIN IMMEDIATE and a snapshot a deferred transaction (WAL lets it read beside a writer).
/// </summary>
public sealed class SqliteStore : StoreDatabase
{
    public const string DatabaseFileName = "greencommunity.db";

    private readonly string _connectionString;

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

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
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
