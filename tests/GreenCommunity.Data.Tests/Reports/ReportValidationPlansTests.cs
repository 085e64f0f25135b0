using Dapper;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.Reports;

/// <summary>
/// The judgement's command has PostgreSQL keep one plan per prepared statement for the rest of that command only: the
/// connection goes back to the pool, and the dashboard's reads on it choose their plans as before.
/// </summary>
public sealed class ReportValidationPlansTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Validate_OnPostgres_LeavesTheConnectionsPlanSettingAsItWas()
    {
        Assert.SkipWhen(TestDatabases.Engine == StoreEngine.Sqlite, "The plan setting is PostgreSQL's.");

        // Arrange
        await using var store = await TestStore.CreateAsync();
        await using var connection = await store.Database.OpenAsync(Ct);
        var before = await connection.ExecuteScalarAsync<string>("SHOW plan_cache_mode");
        var report = new ReportSubmission("420100", ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), "武汉市住房和城乡建设局", null,
            [new CommunityUpdate("420102002003", Stage.InProgress, new DateOnly(2022, 5, 10), new Dictionary<int, double> { [12] = 0.4 })]);
        var receipt = new ReportReceipt(SubmitterScope.ForLocality("420100"), new DateTimeOffset(2022, 5, 20, 10, 0, 0, TimeSpan.FromHours(8)));

        // Act: the judgement on this connection, outside any transaction, as the writer runs it.
        var validation = await ReportValidation.RunAsync(connection, null, report, receipt, TestStore.Campaign, ReportWritePauses.None, Ct);
        var after = await connection.ExecuteScalarAsync<string>("SHOW plan_cache_mode");

        // Assert
        Assert.True(validation.Errors.IsEmpty);
        Assert.Equal("auto", before);
        Assert.Equal(before, after);
    }
}
