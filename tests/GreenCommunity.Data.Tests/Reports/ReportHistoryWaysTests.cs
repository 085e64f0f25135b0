using System.Globalization;
using Dapper;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.Reports;

/// <summary>
/// A report's history goes to PostgreSQL in one command or, when large, by COPY (<see cref="ReportHistoryCopy"/>): both
/// ways must leave the same rows. The same report is written each way into one of two stores with the same past, and
/// the history and the present (stage_events, criterion_assessments, community_state, community_criteria) compared
/// column by column. SQLite has the one way only.
/// </summary>
public sealed class ReportHistoryWaysTests
{
    private const string Wuhan = "420100";

    private static readonly DateTimeOffset s_received = new(2022, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Append_ByCopy_WritesWhatTheOneCommandWrites()
    {
        Assert.SkipWhen(TestDatabases.Engine == StoreEngine.Sqlite, "COPY is PostgreSQL's; SQLite writes every report in one command.");

        // Arrange: two stores with the same past (a third of Wuhan in progress with criteria, some on a later day than
        // the report below), and one report over every Wuhan community mixing what the statements tell apart.
        await using var oneCommand = await TestStore.CreateAsync();
        await using var byCopy = await TestStore.CreateAsync();
        var codes = await WuhanCommunitiesAsync(oneCommand);
        var past = Monthly(codes.Where((_, i) => i % 3 == 0).Select((code, i) => Update(code, Stage.InProgress, i % 2 == 0 ? 12 : 1, Criteria(i, 4))).ToArray());
        foreach (var store in new[] { oneCommand, byCopy })
        {
            var outcome = await store.Writer.SubmitAsync(past, SubmitterScope.ForLocality(Wuhan), s_received, Ct);
            Assert.True(outcome.IsStored);
        }
        var report = ReportRows.From(Monthly([.. codes.Select((code, i) => (i % 4) switch
        {
            0 => Update(code, Stage.InProgress, 10, Criteria(i, 16)),   // the same stage again for those of the past, an earlier day for half
            1 => Update(code, Stage.Pilot, 10, []),                     // a stage only, a pilot for good
            2 => Update(code, null, 10, Criteria(i + 1, 6)),             // criteria only, other values
            _ => Update(code, Stage.InProgress, 15, Criteria(i / 3, 4)),  // a later day; for those of the past, its stage and values again
        })]), body: null);

        // Act
        await AppendAsync(oneCommand, report, AppendWay.OneCommand);
        await AppendAsync(byCopy, report, AppendWay.Copy);

        // Assert: something of each kind was written, and the same everywhere
        var expected = await RowsAsync(oneCommand);
        Assert.Equal(expected, await RowsAsync(byCopy));
        Assert.True(report.Count >= 2 * codes.Count, $"{report.Count} rows for {codes.Count} communities");
        Assert.Contains(expected["community_state"], row => row.Contains("|effective=2022-05-15|", StringComparison.Ordinal));
        Assert.Contains(expected["community_state"], row => row.Contains("|pilot=1|", StringComparison.Ordinal));
        Assert.Contains(expected["community_state"], row => row.EndsWith("|last_change=2022-05-12", StringComparison.Ordinal));
    }

    /// <summary>Appends <paramref name="rows"/> the way given; the query after the writes sees them.</summary>
    private static async Task AppendAsync(TestStore store, ReportRows rows, AppendWay way) =>
        Assert.Equal(rows.EventRows.Count, await HistoryAppend.AppendAsync(store, rows, way, "SELECT COUNT(*) FROM stage_events WHERE report = @report", Ct));

    /// <summary>Every row of the four tables a report writes, each as text, by table.</summary>
    private static async Task<Dictionary<string, IReadOnlyList<string>>> RowsAsync(TestStore store)
    {
        await using var connection = await store.Database.OpenAsync(Ct);
        var tables = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (table, order) in new[]
        {
            ("stage_events", "id"),
            ("criterion_assessments", "id"),
            ("community_state", "community_code"),
            ("community_criteria", "community_code, criterion"),
        })
        {
            var rows = await connection.QueryAsync(new CommandDefinition($"SELECT * FROM {table} ORDER BY {order}", cancellationToken: Ct));
            tables[table] = rows.Cast<IDictionary<string, object?>>()
                .Select(row => string.Join('|', row.Select(column => $"{column.Key}={Text(column.Value)}")))
                .ToList();
        }
        return tables;
    }

    private static string Text(object? value) => value switch
    {
        null or DBNull => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static async Task<List<string>> WuhanCommunitiesAsync(TestStore store)
    {
        await using var connection = await store.Database.OpenAsync(Ct);
        return (await connection.QueryAsync<string>(new CommandDefinition("SELECT code FROM communities WHERE locality_code = @Wuhan ORDER BY code", new { Wuhan }, cancellationToken: Ct))).AsList();
    }

    /// <summary>The first <paramref name="count"/> criteria, with values that vary with <paramref name="seed"/> (met and unmet alike).</summary>
    private static Dictionary<int, double> Criteria(int seed, int count) =>
        Enumerable.Range(1, count).ToDictionary(n => n, n => n == 12 ? (seed % 10) / 10.0 : (seed + n) % 3 == 0 ? 0 : 1);

    private static CommunityUpdate Update(string community, Stage? stage, int day, Dictionary<int, double> criteria) =>
        new(community, stage, new DateOnly(2022, 5, day), criteria);

    private static ReportSubmission Monthly(params CommunityUpdate[] updates) =>
        new(Wuhan, ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), "武汉市住房和城乡建设局", null, updates);
}
