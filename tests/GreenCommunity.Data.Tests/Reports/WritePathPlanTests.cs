using System.Text.RegularExpressions;
using Dapper;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;

namespace GreenCommunity.Data.Tests.Reports;

/// <summary>
/// Guards the plans SQLite picks for the write path's statements (EXPLAIN QUERY PLAN): each of the store's tables is
/// searched by a key or an index, none scanned whole, whatever the history's length. A report's own rows (json_each) and
/// the statements' derived tables may be scanned. PostgreSQL's plans depend on its statistics: not guarded here, and this
/// file is left out of GreenCommunity.Data.Postgres.Tests.
/// </summary>
public sealed class WritePathPlanTests
{
    // A table of the store, by its name or by the alias the statements give it.
    private static readonly Regex s_tableScan = new(
        @"^SCAN (stage_events|criterion_assessments|community_state|community_criteria|communities|reports|s|p|k|e)\b(?!.*VIRTUAL TABLE)",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<int> AppendStatements => [.. Enumerable.Range(0, ReportHistorySql.Statements(StoreEngine.Sqlite).Count)];

    // With foreign keys on, the plan of an INSERT into stage_events ends with a scan of the table whose immediate foreign
    // key names it, community_state.event_id, which has no index: the check for rows waiting on the new parent, which
    // SQLite skips while the statement has no such violation (OP_FkIfZero), as here. The same line with foreign keys off
    // is absent (sqlite3 shell); not a read of the statement. (An INSERT into criterion_assessments had the same line for
    // community_criteria.assessment_id until 0017 dropped that key.)
    private static readonly Dictionary<string, string> s_foreignKeyChecks = new(StringComparer.Ordinal)
    {
        ["INSERT INTO stage_events"] = "SCAN community_state",
    };

    [Theory]
    [MemberData(nameof(AppendStatements))]
    public async Task AppendStatement_OnSqlite_SearchesEveryTable(int statement)
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        var sql = ReportHistorySql.Statements(StoreEngine.Sqlite)[statement];
        var args = new
        {
            report = 1L,
            afterEvent = 0L,
            afterAssessment = 0L,
            events = """[["420102002003", 2, "2022-04-01"]]""",
            assessments = """[["420102002003", 12, 0.4, 1, "2022-04-01"]]""",
        };

        // Act
        var plan = await PlanAsync(store, sql, args);

        // Assert
        var foreignKeyCheck = s_foreignKeyChecks.FirstOrDefault(c => sql.TrimStart().StartsWith(c.Key, StringComparison.Ordinal)).Value;
        Assert.DoesNotContain(plan, line => s_tableScan.IsMatch(line) && line != foreignKeyCheck);
    }

    [Fact]
    public async Task MoveAndRecount_OnSqlite_FindsEachCommunitysNewEventByItsCommunity()
    {
        // Arrange: by the report's index SQLite read every event of the report for each community it names (3.7 s for 5,000).
        await using var store = await TestStore.CreateAsync();
        var sql = CommunityListUpkeepSql.MoveAndRecount;
        var args = new { report = 1L, afterEvent = 0L, events = """[["420102002003", 2, "2022-04-01"]]""", assessments = "[]" };

        // Act
        var plan = await PlanAsync(store, sql, args);

        // Assert
        Assert.Contains(plan, line => line.StartsWith("SEARCH e USING INDEX ix_stage_events_community (community_code=?", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("ix_stage_events_report", StringComparison.Ordinal));
    }

    // The timelines' statements: the history, the timelines and their aliases; the regions table is read whole on purpose (the tree).
    private static readonly Regex s_timelineTableScan = new(
        @"^SCAN (stage_events|communities|county_timeline|region_timeline|e|r|c|t|m)\b(?!.*VIRTUAL TABLE)",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static TheoryData<int> TimelineStatements => [.. Enumerable.Range(0, ReportTimelineSql.Statements(StoreEngine.Sqlite).Count)];

    [Theory]
    [MemberData(nameof(TimelineStatements))]
    public async Task TimelineStatement_OnSqlite_SearchesEveryTable(int statement)
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        var sql = ReportTimelineSql.Statements(StoreEngine.Sqlite)[statement];
        var args = new
        {
            timelineEvents = """[["420102002003", 2, "2022-04-01"]]""",
            goneCounties = """[["420102", "2022-05-01"]]""",
            goneRegions = """[[2, "420100", "2022-05-01"]]""",
            upCounties = """[["420102", "2022-04-01", 10, 9, 1, 0, 0, 1]]""",
            upRegions = """[[2, "420100", "2022-04-01", 10, 9, 1, 0, 0, 1]]""",
        };

        // Act
        var plan = await PlanAsync(store, sql, args);

        // Assert
        Assert.DoesNotContain(plan, line => s_timelineTableScan.IsMatch(line));
    }

    [Fact]
    public async Task CommunitiesWrittenSince_OnSqlite_SearchesByKey()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();

        // Act
        var plan = await PlanAsync(store, HistoryMark.WrittenSinceSql, new HistoryMark(10, 100));

        // Assert: both halves by the rowid range, and no temporary tree to dedupe the codes (the caller makes a set of them)
        Assert.Equal(2, plan.Count(line => line.Contains("USING INTEGER PRIMARY KEY (rowid>?)", StringComparison.Ordinal)));
        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> PlanAsync(TestStore store, string sql, object args)
    {
        await using var connection = await store.Database.OpenAsync(Ct);
        var rows = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(new CommandDefinition("EXPLAIN QUERY PLAN " + sql, args, cancellationToken: Ct));
        var plan = rows.Select(r => r.Detail).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', plan));
        return plan;
    }
}
