using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Progress;

/// <summary>
/// Builds county_timeline (<see cref="CountyTimeline"/>) whole from the history, inside the write transaction that
/// changed it, so the two never disagree: after the national demo history, and at start-up on a store without a
/// timeline. Every community and stage event is read, the timeline is computed in C#, and the table is rewritten with
/// region_timeline (<see cref="RegionTimelineSql"/>). A report moves only the rows it changes (<see cref="ReportTimelineSql"/>).
/// </summary>
public static class CountyTimelineSql
{
    private const string EmptySql =
        """
        SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM county_timeline LIMIT 1) AS t) AS Timeline,
               (SELECT COUNT(*) FROM (SELECT 1 FROM communities LIMIT 1) AS c) AS Communities
        """;

    private const string AllSizesSql = "SELECT county_code AS County, COUNT(*) AS Communities FROM communities GROUP BY county_code";

    private const string AllEventsSql =
        """
        SELECT c.county_code AS County, e.community_code AS Community, e.stage AS Stage, e.effective AS Day, e.id AS Id
          FROM stage_events e JOIN communities c ON c.code = e.community_code
        """;

    private const string DeleteAllSql = "DELETE FROM county_timeline";

    private static readonly (string, BulkType)[] s_columns =
    [
        ("county_code", BulkType.Text), ("day", BulkType.Text), ("communities", BulkType.Integer), ("not_started", BulkType.Integer),
        ("pilot", BulkType.Integer), ("in_progress", BulkType.Integer), ("accepted", BulkType.Integer), ("pilots_ever", BulkType.Integer),
    ];

    /// <summary>Recomputes every county's timeline from the history and rewrites the table whole, region_timeline with it. Returns the county rows written.</summary>
    public static async Task<int> RebuildAllAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var sizes = await connection.QueryAsync<SizeRow>(new CommandDefinition(AllSizesSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var events = await connection.QueryAsync<EventRow>(new CommandDefinition(AllEventsSql, transaction: transaction, commandTimeout: 600,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var rows = CountyTimeline.Build(
            sizes.ToDictionary(s => s.County, s => (int)s.Communities, StringComparer.Ordinal),
            events.Select(e => new TimelineEvent(e.County, e.Community, (int)e.Stage, e.Day, e.Id)));
        await connection.ExecuteAsync(new CommandDefinition(DeleteAllSql, transaction: transaction, commandTimeout: 600, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        var written = await InsertAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
        // In the same transaction, so a region's figures never disagree with its counties'.
        await RegionTimelineSql.RebuildAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
        return written;
    }

    private static async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<TimelineRow> rows, CancellationToken cancellationToken)
    {
        var written = 0;
        await using var insert = await BulkRows.OpenAsync(connection, transaction, "county_timeline", s_columns, cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var f = row.Figures;
            insert.Text(row.County).Text(row.Day).Integer(f.Communities).Integer(f.NotStarted).Integer(f.Pilot).Integer(f.InProgress).Integer(f.Accepted).Integer(f.PilotsEver);
            await insert.EndRowAsync(cancellationToken).ConfigureAwait(false);
            written++;
        }
        await insert.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return written;
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
        await RebuildAllAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private sealed record SizeRow(string County, long Communities);

    private sealed record EventRow(string County, string Community, long Stage, string Day, long Id);
}
