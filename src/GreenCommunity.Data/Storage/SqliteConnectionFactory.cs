using Microsoft.Data.Sqlite;

namespace GreenCommunity.Data.Storage;

/// <summary>
/// Opens a pooled connection per operation. Every connection runs with synchronous=FULL so that a
/// committed report survives a crash or power cut, and with foreign keys enforced. Its first use registers the
/// Dapper handlers for dates (<see cref="DapperTypeHandlers"/>).
/// </summary>
public sealed class SqliteConnectionFactory
{
    public const string DatabaseFileName = "greencommunity.db";

    private readonly string _connectionString;

    static SqliteConnectionFactory() => DapperTypeHandlers.Register();

    public SqliteConnectionFactory(string databasePath)
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

    public static SqliteConnectionFactory ForDirectory(string dataDirectory) =>
        new(Path.Combine(dataDirectory, DatabaseFileName));

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
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
}
