using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.Reports;

/// <summary>
/// The history's references to its community and its report hold on both engines: foreign keys on SQLite; on
/// PostgreSQL, since migration 0018, a check once a statement over the appended rows and a guard on communities (the
/// per-row keys cost a 5,000-update report about half a second). An assessment of an unknown community or report is
/// refused, by either way of appending, and a community with history can be neither deleted nor given another code.
/// </summary>
public sealed class HistoryReferencesTests
{
    private const string Wuhan = "420100";
    private const string Unknown = "420100999999";

    private static readonly DateTimeOffset s_received = new(2022, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Append_AnAssessmentOfAnUnknownCommunity_RefusedWithTheKnownOnesAndNothingWritten(bool byCopy)
    {
        Assert.SkipWhen(byCopy && TestDatabases.Engine == StoreEngine.Sqlite, "COPY is PostgreSQL's; SQLite writes every report in one command.");

        // Arrange: criteria only, so that no stage event (whose own key would refuse it first) names the unknown community
        await using var store = await TestStore.CreateAsync();
        var known = await FirstWuhanCommunityAsync(store);
        var rows = ReportRows.From(Monthly(CriteriaOnly(known), CriteriaOnly(Unknown)), body: null);

        // Act
        var refused = await Assert.ThrowsAnyAsync<DbException>(() => HistoryAppend.AppendAsync(store, rows, byCopy ? AppendWay.Copy : AppendWay.OneCommand, "SELECT 1", Ct));

        // Assert
        Assert.True(IsReferenceViolation(refused), refused.Message);
        Assert.Equal(0, await store.CountAsync("criterion_assessments"));
        Assert.Equal(0, await store.CountAsync("community_criteria"));
    }

    [Fact]
    public async Task Append_AssessmentsOfKnownCommunitiesOnly_Written()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        var known = await FirstWuhanCommunityAsync(store);
        var rows = ReportRows.From(Monthly(CriteriaOnly(known)), body: null);

        // Act
        await HistoryAppend.AppendAsync(store, rows, AppendWay.OneCommand, "SELECT 1", Ct);

        // Assert
        Assert.Equal(2, await store.CountAsync("criterion_assessments"));
    }

    [Fact]
    public async Task Append_AnAssessmentOfAnUnknownReport_RefusedAndNothingWritten()
    {
        // Arrange: a known community; the report number is past any report's (refused at once on PostgreSQL, at COMMIT on SQLite)
        await using var store = await TestStore.CreateAsync();
        var code = await FirstWuhanCommunityAsync(store);
        await using var connection = await store.Database.OpenAsync(Ct);

        // Act
        var refused = await Assert.ThrowsAnyAsync<DbException>(async () =>
        {
            await using var transaction = await store.Database.BeginWriteAsync(connection, Ct);
            await connection.ExecuteAsync(
                "INSERT INTO criterion_assessments (community_code, criterion, value, met, effective, report) VALUES (@code, 1, 1, 1, '2022-05-10', 999999)",
                new { code }, transaction);
            await transaction.CommitAsync(Ct);
        });

        // Assert
        Assert.True(IsReferenceViolation(refused), refused.Message);
        Assert.Equal(0, await store.CountAsync("criterion_assessments"));
    }

    [Theory]
    [InlineData("DELETE FROM communities WHERE code = @code")]
    [InlineData("UPDATE communities SET code = '420100999998' WHERE code = @code")]
    public async Task DeleteOrRecode_ACommunityWithHistory_Refused(string change)
    {
        // Arrange: a community whose only reference left is its history (its present row removed, no stage event)
        await using var store = await TestStore.CreateAsync();
        var code = await FirstWuhanCommunityAsync(store);
        var outcome = await store.Writer.SubmitAsync(Monthly(CriteriaOnly(code)), SubmitterScope.ForLocality(Wuhan), s_received, Ct);
        Assert.True(outcome.IsStored);
        await using var connection = await store.Database.OpenAsync(Ct);
        await connection.ExecuteAsync("DELETE FROM community_criteria WHERE community_code = @code; DELETE FROM community_state WHERE community_code = @code", new { code });
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM stage_events WHERE community_code = @code", new { code }));

        // Act
        var refused = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(change, new { code }));

        // Assert
        Assert.True(IsReferenceViolation(refused), refused.Message);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM communities WHERE code = @code", new { code }));
    }

    [Fact]
    public async Task DeleteOrRecode_ACommunityWithoutHistoryOrPresent_Allowed()
    {
        // Arrange: the guard refuses for history only (the reverse of the test above, so that it cannot pass by refusing everything)
        await using var store = await TestStore.CreateAsync();
        var code = await FirstWuhanCommunityAsync(store);
        await using var connection = await store.Database.OpenAsync(Ct);
        await connection.ExecuteAsync("DELETE FROM community_state WHERE community_code = @code", new { code });

        // Act
        var recoded = await connection.ExecuteAsync("UPDATE communities SET code = '420100999998' WHERE code = @code", new { code });
        var deleted = await connection.ExecuteAsync("DELETE FROM communities WHERE code = '420100999998'");

        // Assert
        Assert.Equal(1, recoded);
        Assert.Equal(1, deleted);
    }

#if POSTGRES_STORE
    [Fact]
    public async Task Append_Uncommitted_HoldsItsCommunitiesAgainstDeletion()
    {
        // Arrange: an assessment of a report already stored appended and not yet committed; the community's present row already gone
        await using var store = await TestStore.CreateAsync();
        var code = await FirstWuhanCommunityAsync(store);
        var outcome = await store.Writer.SubmitAsync(Monthly(CriteriaOnly(await FirstWuhanCommunityAsync(store, last: true))), SubmitterScope.ForLocality(Wuhan), s_received, Ct);
        Assert.True(outcome.IsStored);
        await using var appending = await store.Database.OpenAsync(Ct);
        await using var report = await store.Database.BeginWriteAsync(appending, Ct);
        await appending.ExecuteAsync(
            "INSERT INTO criterion_assessments (community_code, criterion, value, met, effective, report) VALUES (@code, 1, 1, 1, '2022-05-10', (SELECT MAX(id) FROM reports))",
            new { code }, report);
        await using var deleting = await store.Database.OpenAsync(Ct);
        await using var deletion = await deleting.BeginTransactionAsync(Ct);
        await deleting.ExecuteAsync("DELETE FROM community_state WHERE community_code = @code; SET LOCAL lock_timeout = '300ms'", new { code }, deletion);

        // Act: as the key did, the append holds the community, so the deletion waits (here: gives up) rather than passing
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => deleting.ExecuteAsync("DELETE FROM communities WHERE code = @code", new { code }, deletion));

        // Assert
        Assert.Equal(Npgsql.PostgresErrorCodes.LockNotAvailable, refused.SqlState);
    }
#endif

    private static bool IsReferenceViolation(DbException exception) => exception switch
    {
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.ForeignKeyViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 787,   // SQLITE_CONSTRAINT_FOREIGNKEY
        _ => false,
    };

    /// <summary>Wuhan's first community by code, or its last.</summary>
    private static async Task<string> FirstWuhanCommunityAsync(TestStore store, bool last = false)
    {
        await using var connection = await store.Database.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<string>($"SELECT {(last ? "MAX" : "MIN")}(code) FROM communities WHERE locality_code = @Wuhan", new { Wuhan }) ?? "";
    }

    private static CommunityUpdate CriteriaOnly(string community) =>
        new(community, null, new DateOnly(2022, 5, 10), new Dictionary<int, double> { [1] = 1, [12] = 0.4 });

    private static ReportSubmission Monthly(params CommunityUpdate[] updates) =>
        new(Wuhan, ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), "武汉市住房和城乡建设局", null, updates);
}
