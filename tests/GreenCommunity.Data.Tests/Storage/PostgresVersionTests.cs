using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Tests.Storage;

/// <summary>
/// The message and the threshold by which start-up refuses a PostgreSQL older than the intake needs (the migrator's call
/// is not exercised: the test servers are all 15, and a server's version cannot be set).
/// </summary>
public sealed class PostgresVersionTests
{
    [Fact]
    public void VersionProblem_Fourteen_NamesTheServersVersionAndTheOneNeeded()
    {
        // Act
        var problem = DatabaseMigrator.VersionProblem(140011, "14.11 (Debian 14.11-1)");

        // Assert
        Assert.Equal("The PostgreSQL server is version 14.11 (Debian 14.11-1); the dashboard needs 15 or later.", problem);
    }

    [Theory]
    [InlineData(150000)]
    [InlineData(150018)]
    [InlineData(170002)]
    public void VersionProblem_FifteenOrLater_None(int versionNumber) =>
        Assert.Null(DatabaseMigrator.VersionProblem(versionNumber, "any"));
}
