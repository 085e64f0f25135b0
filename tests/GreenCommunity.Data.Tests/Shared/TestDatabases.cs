using GreenCommunity.Data.Storage;
using Npgsql;

namespace GreenCommunity.Data.Tests.Shared;

/// <summary>
/// The engine this build of the data suite runs on: SQLite in GreenCommunity.Data.Tests, PostgreSQL in
/// GreenCommunity.Data.Postgres.Tests (the same sources, compiled with POSTGRES_STORE).
/// </summary>
public static class TestDatabases
{
#if POSTGRES_STORE
    public static StoreEngine Engine { get; } = StoreEngine.Postgres;
#else
    public static StoreEngine Engine { get; } = StoreEngine.Sqlite;
#endif

    /// <summary>A new, empty store; side files (demo credentials) go to <paramref name="directory"/>.</summary>
    public static async Task<StoreDatabase> CreateAsync(string directory)
    {
        if (Engine == StoreEngine.Sqlite)
        {
            return SqliteStore.ForDirectory(directory);
        }
        var server = await PostgresServer.SharedAsync();
        return new PostgresStore(await server.CreateDatabaseAsync(CancellationToken.None), directory);
    }

    /// <summary>Lets go of the store: SQLite's kept and pooled handles (so its folder can go), or the PostgreSQL database.</summary>
    public static async Task DropAsync(StoreDatabase database)
    {
        switch (database)
        {
            case PostgresStore postgres:
                var connectionString = postgres.DataSource.ConnectionString;
                await postgres.DisposeAsync();
                NpgsqlConnection.ClearAllPools();
                await (await PostgresServer.SharedAsync()).DropDatabaseAsync(connectionString);
                break;
            default:
                (database as IDisposable)?.Dispose();   // the store's idle connections
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                break;
        }
    }
}
