using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;

namespace GreenCommunity.Data.Tests.Reports;

/// <summary>
/// Migration 0017: the present criteria (community_criteria, derived in the report's transaction from the history) have
/// no foreign keys of their own, which PostgreSQL checked one query per row. The history they are derived from keeps its
/// references to its community and report: keys on SQLite and, since 0018, a check once a statement on PostgreSQL
/// (HistoryReferencesTests shows that they hold on both).
/// </summary>
public sealed class PresentCriteriaKeysTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MigratedStore_PresentCriteriaHaveNoForeignKeys()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        await using var connection = await store.Database.OpenAsync(Ct);

        // Act
        var present = await ReferencedTablesAsync(connection, "community_criteria");
        var stageEvents = await ReferencedTablesAsync(connection, "stage_events");

        // Assert: none for the present; the query itself finds keys where there are some
        Assert.Empty(present);
        Assert.Equal(["communities", "reports"], stageEvents.Order(StringComparer.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> ReferencedTablesAsync(System.Data.Common.DbConnection connection, string table) =>
        (await connection.QueryAsync<string>(StoreSql.For(connection,
            "SELECT \"table\" FROM pragma_foreign_key_list(@table)",
            "SELECT confrelid::regclass::text FROM pg_constraint WHERE conrelid = CAST(@table AS regclass) AND contype = 'f'"), new { table })).AsList();
}
