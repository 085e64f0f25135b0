using GreenCommunity.Data.Storage;
using Npgsql;

namespace GreenCommunity.Data.Tests.Storage;

/// <summary>The settings PostgresStore adds to a connection string; building its data source opens no connection.</summary>
public sealed class PostgresStoreSettingsTests
{
    [Fact]
    public async Task ConnectionString_WithoutMaxAutoPrepare_PreparesTheIntakesStatements()
    {
        // Arrange
        await using var store = new PostgresStore("Host=localhost;Database=gc;Username=gc", Path.GetTempPath());

        // Act
        var settings = new NpgsqlConnectionStringBuilder(store.DataSource.ConnectionString);

        // Assert
        Assert.Equal(PostgresStore.DefaultMaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.Equal(PostgresStore.DefaultAutoPrepareMinUsages, settings.AutoPrepareMinUsages);
        Assert.Contains("synchronous_commit=on", settings.Options, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=localhost;Database=gc;Max Auto Prepare=0", 0)]
    [InlineData("Host=localhost;Database=gc;maxautoprepare=8", 8)]
    public async Task ConnectionString_SettingMaxAutoPrepare_Wins(string connectionString, int expected)
    {
        // Arrange
        await using var store = new PostgresStore(connectionString, Path.GetTempPath());

        // Act
        var settings = new NpgsqlConnectionStringBuilder(store.DataSource.ConnectionString);

        // Assert
        Assert.Equal(expected, settings.MaxAutoPrepare);
    }

    [Fact]
    public async Task ConnectionString_SettingAutoPrepareMinUsages_Wins()
    {
        // Arrange
        await using var store = new PostgresStore("Host=localhost;Database=gc;Auto Prepare Min Usages=7", Path.GetTempPath());

        // Act
        var settings = new NpgsqlConnectionStringBuilder(store.DataSource.ConnectionString);

        // Assert
        Assert.Equal(7, settings.AutoPrepareMinUsages);
    }
}
