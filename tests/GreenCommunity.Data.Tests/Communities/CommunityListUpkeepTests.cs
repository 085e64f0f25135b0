using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.Communities;

public sealed class CommunityListUpkeepTests(DemoStoreFixture demo) : IClassFixture<DemoStoreFixture>
{
    private const string Wuhan = "420100";
    private const string Baocheng = "420102002003";

    private const string ListColumnsSql =
        "SELECT community_code || ':' || criteria_met || ':' || met_mask || ':' || COALESCE(CAST(c12 AS TEXT), '-') || ':' || COALESCE(CAST(last_report AS TEXT), '-') || ':' || COALESCE(last_change, '-') FROM community_state ORDER BY community_code";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_SameValuesAgain_KeepsTheDayOfTheLastChangeButNotesTheReport()
    {
        // Arrange: in progress on 2022-05-10 with criterion 1 met and 12 at 20%
        await using var store = await TestStore.CreateAsync();
        await SubmitAsync(store, 5, new(Baocheng, Stage.InProgress, new DateOnly(2022, 5, 10), new Dictionary<int, double> { [1] = 1, [12] = 0.2 }));

        // Act: the June report says the same; the July one raises criterion 12
        var june = await SubmitAsync(store, 6, new(Baocheng, Stage.InProgress, new DateOnly(2022, 6, 10), new Dictionary<int, double> { [1] = 1, [12] = 0.2 }));
        var afterJune = await ColumnsAsync(store);
        var july = await SubmitAsync(store, 7, new(Baocheng, null, new DateOnly(2022, 7, 10), new Dictionary<int, double> { [12] = 0.4 }));
        var afterJuly = await ColumnsAsync(store);

        // Assert
        Assert.Equal((1L, 1L, 0.2, june, "2022-05-10"), afterJune);
        Assert.Equal((2L, 1L | (1L << 11), 0.4, july, "2022-07-10"), afterJuly);
    }

    [Fact]
    public async Task Migration_OnAHistoryWrittenWithoutTheList_FillsTheSameColumnsTheWriterKeeps()
    {
        // Arrange: the demo campaign written through the writer, which keeps the list's columns; the shared store is
        // changed only inside a transaction that is rolled back, so the other tests never see it.
        await using var connection = await demo.Store.Database.OpenAsync(Ct);
        await using var transaction = await demo.Store.Database.BeginWriteAsync(connection, Ct);
        var kept = (await connection.QueryAsync<string>(ListColumnsSql, transaction: transaction)).ToList();
        await connection.ExecuteAsync("UPDATE community_state SET criteria_met = 0, met_mask = 0, c12 = NULL, last_report = NULL, last_change = NULL",
            transaction: transaction);

        // Act: the migration's own filling statements, as on a database from before it
        await connection.ExecuteAsync(FillingStatements(), transaction: transaction);

        // Assert
        Assert.Contains(kept, k => !k.EndsWith(":-", StringComparison.Ordinal));
        Assert.Equal(kept, await connection.QueryAsync<string>(ListColumnsSql, transaction: transaction));
        await transaction.RollbackAsync(Ct);
    }

    private static string FillingStatements()
    {
        using var stream = typeof(DatabaseMigrator).Assembly.GetManifestResourceStream($"GreenCommunity.Data.Migrations.{TestDatabases.Engine}.0006_community_list.sql")!;
        var script = new StreamReader(stream).ReadToEnd();
        var start = script.IndexOf("UPDATE community_state", StringComparison.Ordinal);
        var end = script.IndexOf("CREATE INDEX", StringComparison.Ordinal);
        return script[start..end];
    }

    private static async Task<string> SubmitAsync(TestStore store, int month, CommunityUpdate update)
    {
        var report = new ReportSubmission(Wuhan, ReportKind.Monthly, ReportPeriod.OfMonth(2022, month), "武汉市住房和城乡建设局", null, [update]);
        var outcome = await store.Writer.SubmitAsync(report, SubmitterScope.ForLocality(Wuhan), new DateTimeOffset(2022, month, 20, 10, 0, 0, TimeSpan.FromHours(8)), Ct);
        Assert.True(outcome.IsStored);
        return outcome.Stored!.ReportId;
    }

    private static async Task<(long Met, long Mask, double C12, string LastReport, string LastChange)> ColumnsAsync(TestStore store)
    {
        await using var connection = await store.Database.OpenAsync(Ct);
        var row = await connection.QuerySingleAsync<(long, long, double, string, string)>(
            """
            SELECT s.criteria_met, s.met_mask, s.c12, r.report_id, s.last_change
              FROM community_state s JOIN reports r ON r.id = s.last_report WHERE s.community_code = @Baocheng
            """, new { Baocheng });
        return row;
    }
}
