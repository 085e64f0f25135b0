using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Tests.Shared;

/// <summary>A SQLite store as it was before a migration: for the tests of what a migration does to the rows it finds.</summary>
internal static class ScriptsBefore
{
    /// <summary>Applies the embedded scripts before <paramref name="first"/> as the migrator would, and journals them.</summary>
    public static async Task ApplyAsync(SqliteStore database, string first, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
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
}
