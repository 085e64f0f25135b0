using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace GreenCommunity.Data.Tests.Storage;

/// <summary>0017 rebuilds community_criteria on SQLite (it cannot drop a foreign key): a store from before it keeps every present criterion.</summary>
public sealed class PresentCriteriaMigrationTests : IAsyncDisposable
{
    private const string Rebuild = "0017_present_criteria_keys.sql";

    private readonly UnmigratedStore _store = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Migrate_PresentCriteriaStoredBefore0017_KeptRowForRowWithoutForeignKeys()
    {
        // Arrange: the store as it was before 0017, with two present criteria (their references are not the point here)
        await _store.ApplyScriptsBeforeAsync(Rebuild, Ct);
        const string Rows = "SELECT community_code, criterion, value, met, effective, assessment_id FROM community_criteria ORDER BY community_code, criterion";
        IReadOnlyList<(string, long, double, long, string, long)> before;
        await using (var connection = await _store.Database.OpenAsync(Ct))
        {
            await connection.ExecuteAsync(
                """
                PRAGMA foreign_keys = OFF;
                INSERT INTO community_criteria (community_code, criterion, value, met, effective, assessment_id)
                VALUES ('420102002003', 12, 0.4, 1, '2022-04-01', 7), ('420102002003', 3, 0, 0, '2022-05-01', 9);
                PRAGMA foreign_keys = ON;
                """);
            before = (await connection.QueryAsync<(string, long, double, long, string, long)>(Rows)).AsList();
        }

        // Act
        var applied = await new DatabaseMigrator(_store.Database).MigrateAsync(Ct);

        // Assert
        Assert.Contains(Rebuild, applied);
        await using var check = await _store.Database.OpenAsync(Ct);
        Assert.Equal(before, (await check.QueryAsync<(string, long, double, long, string, long)>(Rows)).AsList());
        Assert.Equal(2, before.Count);
        Assert.Empty(await check.QueryAsync("SELECT * FROM pragma_foreign_key_list('community_criteria')"));
        Assert.Equal(["community_code", "criterion"], (await check.QueryAsync<string>("SELECT name FROM pragma_table_info('community_criteria') WHERE pk > 0 ORDER BY pk")).AsList());
        await Assert.ThrowsAsync<SqliteException>(() => check.ExecuteAsync(
            "INSERT INTO community_criteria (community_code, criterion, value, met, effective, assessment_id) VALUES ('420102002003', 12, 1, 1, '2022-06-01', 10)"));
    }
}
