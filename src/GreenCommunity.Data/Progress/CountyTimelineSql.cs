using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Data.Progress;

/// <summary>
/// Keeps county_timeline (<see cref="CountyTimeline"/>) in step with the history, inside the write transaction that
/// changed the history, so the two never disagree: after a report for the counties it touched from its earliest
/// effective day; after the national demo history and at start-up on a store without a timeline for every county.
/// The counties' communities and stage events are read, the timeline is computed in C#, and the rows from the first
/// day that can have changed are replaced; region_timeline follows in the same transaction (<see cref="RegionTimelineSql"/>).
/// </summary>
public static class CountyTimelineSql
{
    private const string ReportCountiesSql =
        """
        SELECT c.county_code AS County, MIN(e.effective) AS FromDay
          FROM stage_events e JOIN communities c ON c.code = e.community_code
         WHERE e.report = @report
         GROUP BY c.county_code
        """;

    private const string EmptySql =
        """
        SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM county_timeline LIMIT 1) AS t) AS Timeline,
               (SELECT COUNT(*) FROM (SELECT 1 FROM communities LIMIT 1) AS c) AS Communities
        """;

    private static readonly EngineText s_sizesSql = new(engine =>
        $"SELECT county_code AS County, COUNT(*) AS Communities FROM communities WHERE {StoreSql.InList(engine, "county_code", "@counties")} GROUP BY county_code");

    private const string AllSizesSql = "SELECT county_code AS County, COUNT(*) AS Communities FROM communities GROUP BY county_code";

    private static readonly EngineText s_eventsSql = new(engine =>
        $"""
        SELECT c.county_code AS County, e.community_code AS Community, e.stage AS Stage, e.effective AS Day, e.id AS Id
          FROM communities c JOIN stage_events e ON e.community_code = c.code
         WHERE {StoreSql.InList(engine, "c.county_code", "@counties")}
        """);

    private const string AllEventsSql =
        """
        SELECT c.county_code AS County, e.community_code AS Community, e.stage AS Stage, e.effective AS Day, e.id AS Id
          FROM stage_events e JOIN communities c ON c.code = e.community_code
        """;

    private static readonly EngineText s_deleteSql = new(engine =>
        $"DELETE FROM county_timeline WHERE {StoreSql.InList(engine, "county_code", "@counties")} AND day >= @fromDay");

    private const string DeleteAllSql = "DELETE FROM county_timeline";

    private const string DeleteFromSql = "DELETE FROM county_timeline WHERE day >= @fromDay";

    private static readonly (string, BulkType)[] s_columns =
    [
        ("county_code", BulkType.Text), ("day", BulkType.Text), ("communities", BulkType.Integer), ("not_started", BulkType.Integer),
        ("pilot", BulkType.Integer), ("in_progress", BulkType.Integer), ("accepted", BulkType.Integer), ("pilots_ever", BulkType.Integer),
    ];

    /// <summary>
    /// Recomputes the timeline of <paramref name="countyCodes"/> (null: every county, the table rewritten whole) and
    /// replaces its rows from <paramref name="fromDay"/> on (null: all of them). Rows before <paramref name="fromDay"/>
    /// are kept, so the caller passes a day no earlier than the first event added or changed since they were written.
    /// Returns the rows written.
    /// </summary>
    public static Task<int> RebuildAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string>? countyCodes, DateOnly? fromDay,
        CancellationToken cancellationToken) =>
        RebuildFromAsync(connection, transaction, countyCodes, fromDay is { } day ? IsoDay.Text(day) : null, cancellationToken);

    private static async Task<int> RebuildFromAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string>? countyCodes, string? from,
        CancellationToken cancellationToken)
    {
        if (countyCodes is { Count: 0 })
        {
            return 0;
        }
        var counties = countyCodes?.Distinct(StringComparer.Ordinal).ToArray();
        var args = new { counties };
        var sizes = await connection.QueryAsync<SizeRow>(new CommandDefinition(counties is null ? AllSizesSql : s_sizesSql.For(connection), args, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var events = await connection.QueryAsync<EventRow>(new CommandDefinition(counties is null ? AllEventsSql : s_eventsSql.For(connection), args, transaction,
            commandTimeout: 600, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var rows = CountyTimeline.Build(
            sizes.ToDictionary(s => s.County, s => (int)s.Communities, StringComparer.Ordinal),
            events.Select(e => new TimelineEvent(e.County, e.Community, (int)e.Stage, e.Day, e.Id)));

        // The region timeline takes the change of these counties' rows: their rows before it are read first.
        var before = counties is null ? null : await RegionTimelineSql.ReadCountyRowsAsync(connection, transaction, counties, cancellationToken).ConfigureAwait(false);

        var delete = (counties, from) switch
        {
            (null, null) => DeleteAllSql,
            (null, _) => DeleteFromSql,
            _ => s_deleteSql.For(connection),
        };
        await connection.ExecuteAsync(new CommandDefinition(delete, new { counties, fromDay = from ?? CountyTimeline.BaseDay }, transaction,
            commandTimeout: 600, cancellationToken: cancellationToken)).ConfigureAwait(false);

        var written = await InsertAsync(connection, transaction, rows, from, cancellationToken).ConfigureAwait(false);

        // In the same transaction, so a region's figures never disagree with its counties'.
        if (before is null)
        {
            await RegionTimelineSql.RebuildAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await RegionTimelineSql.ApplyAsync(connection, transaction, before, rows, cancellationToken).ConfigureAwait(false);
        }
        return written;
    }

    private static async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<TimelineRow> rows, string? from, CancellationToken cancellationToken)
    {
        var written = 0;
        await using var insert = await BulkRows.OpenAsync(connection, transaction, "county_timeline", s_columns, cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            if (from is not null && string.CompareOrdinal(row.Day, from) < 0)
            {
                continue;   // before the first day that can have changed: the stored row is this one
            }
            var f = row.Figures;
            insert.Text(row.County).Text(row.Day).Integer(f.Communities).Integer(f.NotStarted).Integer(f.Pilot).Integer(f.InProgress).Integer(f.Accepted).Integer(f.PilotsEver);
            await insert.EndRowAsync(cancellationToken).ConfigureAwait(false);
            written++;
        }
        await insert.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return written;
    }

    /// <summary>After a report's stage events are appended (<paramref name="report"/> is its id): its counties from its earliest effective day.</summary>
    public static async Task<int> RebuildForReportAsync(DbConnection connection, DbTransaction transaction, long report, CancellationToken cancellationToken)
    {
        var touched = (await connection.QueryAsync<(string County, string FromDay)>(new CommandDefinition(ReportCountiesSql, new { report }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        if (touched.Count == 0)
        {
            return 0;   // criteria only: no stage changed
        }
        var from = touched.Select(t => t.FromDay).Min(StringComparer.Ordinal)!;
        return await RebuildFromAsync(connection, transaction, touched.Select(t => t.County).ToList(), from, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The whole timeline, in a write transaction of its own, when the table is empty while communities exist (a store
    /// from before the timeline, reference data just loaded); true when it was built.
    /// </summary>
    public static async Task<bool> RebuildIfEmptyAsync(StoreDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var (timeline, communities) = await connection.QuerySingleAsync<(long Timeline, long Communities)>(new CommandDefinition(EmptySql, transaction: transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (timeline > 0 || communities == 0)
        {
            return false;
        }
        await RebuildAsync(connection, transaction, null, null, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private sealed record SizeRow(string County, long Communities);

    private sealed record EventRow(string County, string Community, long Stage, string Day, long Id);
}
