using Dapper;
using GreenCommunity.Data.Storage;
using Microsoft.Data.Sqlite;

namespace GreenCommunity.Data.Tests.Shared;

/// <summary>
/// A SQLite store in a folder of its own with no schema yet: for the tests of what a migration does to the rows it finds
/// (brought to where it was before the migration), and of the store's own connections.
/// </summary>
internal sealed class UnmigratedStore : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gc-tests-" + Guid.NewGuid().ToString("N"));

    public UnmigratedStore()
    {
        Directory.CreateDirectory(_directory);
        Database = SqliteStore.ForDirectory(_directory);
    }

    public SqliteStore Database { get; }

    /// <summary>Applies the embedded scripts before <paramref name="first"/> as the migrator would, and journals them.</summary>
    public async Task ApplyScriptsBeforeAsync(string first, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
        var assembly = typeof(DatabaseMigrator).Assembly;
        foreach (var name in DatabaseMigrator.ScriptNames.Where(n => string.CompareOrdinal(n, first) < 0))
        {
            await using var stream = assembly.GetManifestResourceStream("GreenCommunity.Data.Migrations.Sqlite." + name)!;
            using var reader = new StreamReader(stream);
            await connection.ExecuteAsync(await reader.ReadToEndAsync(cancellationToken));
            await connection.ExecuteAsync("INSERT INTO schema_migrations (name, applied_at) VALUES (@name, '2021-06-01T00:00:00Z')", new { name });
        }
    }

    public ValueTask DisposeAsync()
    {
        Database.Dispose();   // its idle connections
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
