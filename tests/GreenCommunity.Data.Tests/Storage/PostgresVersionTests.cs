using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Tests.Storage;

/// <summary>A store on a PostgreSQL older than the intake needs is refused at start-up with a message that says so.</summary>
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
