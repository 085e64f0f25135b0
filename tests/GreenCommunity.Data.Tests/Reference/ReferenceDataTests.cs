using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;

namespace GreenCommunity.Data.Tests.Reference;

public sealed class ReferenceDataTests
{
    [Fact]
    public async Task Load_NewDatabase_HasTheWholeDivisionTreeAndEveryCommunity()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        await using var connection = await store.Database.OpenAsync(TestContext.Current.CancellationToken);

        // Act
        var levels = (await connection.QueryAsync<(long Level, long Count)>("SELECT level, COUNT(*) FROM regions GROUP BY level ORDER BY level")).ToList();
        var communities = await store.CountAsync("communities");
        var states = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM community_state WHERE stage = 0 AND pilot = 0");

        // Assert
        Assert.Equal([(1L, 1L), (2L, 17L), (3L, 105L)], levels);
        Assert.Equal(5222, communities);
        Assert.Equal(5222, states);
    }

    [Theory]
    [InlineData("421071", "421000", 12)]
    [InlineData("421171", "421100", 31)]
    public async Task Load_StatisticalZonesWithoutPolygon_BelongToTheirPrefecture(string zone, string prefecture, int communities)
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        await using var connection = await store.Database.OpenAsync(TestContext.Current.CancellationToken);

        // Act
        var parent = await connection.ExecuteScalarAsync<string>("SELECT parent_code FROM regions WHERE code = @zone", new { zone });
        var count = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM communities WHERE county_code = @zone AND locality_code = @prefecture", new { zone, prefecture });

        // Assert
        Assert.Equal(prefecture, parent);
        Assert.Equal(communities, count);
    }

    [Fact]
    public async Task Initialize_SecondTime_AppliesNothingAndLoadsNothing()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();

        // Act
        var again = await store.Initializer.InitializeAsync(playDemo: true, demoSeed: 1, null, TestContext.Current.CancellationToken);

        // Assert
        Assert.True(store.Initialization!.CreatedDatabase);
        // Every script once, in the order of their numbers (later issues add theirs after these).
        Assert.Equal(DatabaseMigrator.ScriptNames, store.Initialization.MigrationsApplied);
        Assert.Equal(["0001_reference.sql", "0002_history.sql", "0003_intake.sql", "0004_access.sql", "0005_passwords.sql", "0006_community_list.sql", "0007_action_keys.sql"],
            store.Initialization.MigrationsApplied.Take(7));
        Assert.False(again.CreatedDatabase);
        Assert.Empty(again.MigrationsApplied);
        Assert.False(again.ReferenceLoaded);
        Assert.Equal(0, again.DemoReports);
        Assert.Equal(0, await store.CountAsync("reports"));
    }

    [Fact]
    public async Task Migrate_NewDatabase_UsesWriteAheadLog()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        await using var connection = await store.Database.OpenAsync(TestContext.Current.CancellationToken);

        if (TestDatabases.Engine == StoreEngine.Postgres)
        {
            // Act: PostgreSQL always logs ahead; what matters is that a commit waits for the log to reach the disk
            var commit = await connection.ExecuteScalarAsync<string>("SHOW synchronous_commit");

            // Assert
            Assert.Equal("on", commit);
            return;
        }

        // Act
        var mode = await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode");
        var synchronous = await connection.ExecuteScalarAsync<long>("PRAGMA synchronous");

        // Assert
        Assert.Equal("wal", mode);
        Assert.Equal(2, synchronous);   // FULL
    }
}
