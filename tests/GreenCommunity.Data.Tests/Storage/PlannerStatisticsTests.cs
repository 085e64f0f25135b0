using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;

namespace GreenCommunity.Data.Tests.Storage;

/// <summary>
/// A store filled at start-up has the planner's statistics at once (PostgreSQL: without them it replans the intake's
/// statements for every report on guessed row counts until autovacuum comes round).
/// </summary>
public sealed class PlannerStatisticsTests
{
    [Fact]
    public async Task Initialize_ReferenceDataLoaded_TablesHaveStatistics()
    {
        Assert.SkipWhen(TestDatabases.Engine == StoreEngine.Sqlite, "SQLite's planner statistics are left as they are.");

        await using var store = await TestStore.CreateAsync();

        await using var connection = await store.Database.OpenAsync(TestContext.Current.CancellationToken);
        var analyzed = (await connection.QueryAsync<string>(
            """
            SELECT DISTINCT tablename FROM pg_stats
             WHERE schemaname = current_schema() AND tablename IN ('regions', 'communities', 'community_state')
             ORDER BY tablename
            """)).ToList();
        Assert.Equal(["communities", "community_state", "regions"], analyzed);
    }
}
