using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Data.Progress;

/// <summary>
/// Writes region_timeline (<see cref="RegionTimeline"/>) whole from county_timeline, inside the transaction that
/// rebuilt the counties' rows (<see cref="CountyTimelineSql"/>), and at start-up on a store without it. A report moves
/// only the rows of its counties' ancestors that it changes (<see cref="ReportTimelineSql"/>).
/// </summary>
public static class RegionTimelineSql
{
    private const string RegionsSql = "SELECT code AS Code, level AS Level, parent_code AS ParentCode FROM regions";

    private const string AllCountyRowsSql =
        """
        SELECT county_code AS County, day AS Day, communities AS Communities, not_started AS NotStarted, pilot AS Pilot,
               in_progress AS InProgress, accepted AS Accepted, pilots_ever AS PilotsEver
          FROM county_timeline
        """;

    private const string DeleteAllSql = "DELETE FROM region_timeline";

    private const string EmptySql =
        """
        SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM region_timeline LIMIT 1) AS t) AS Timeline,
               (SELECT COUNT(*) FROM (SELECT 1 FROM communities LIMIT 1) AS c) AS Communities
        """;

    private static readonly (string, BulkType)[] s_columns =
    [
        ("level", BulkType.Integer), ("region_code", BulkType.Text), ("day", BulkType.Text), ("communities", BulkType.Integer), ("not_started", BulkType.Integer),
        ("pilot", BulkType.Integer), ("in_progress", BulkType.Integer), ("accepted", BulkType.Integer), ("pilots_ever", BulkType.Integer),
    ];

    /// <summary>The whole table from every county's rows (<paramref name="countyRows"/>: all of county_timeline). Returns the rows written.</summary>
    public static async Task<int> RebuildAsync(DbConnection connection, DbTransaction transaction, IEnumerable<TimelineRow> countyRows, CancellationToken cancellationToken)
    {
        var regions = await ReadRegionsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var rows = RegionTimeline.Build(regions, countyRows);
        await connection.ExecuteAsync(new CommandDefinition(DeleteAllSql, transaction: transaction, commandTimeout: 600, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return await InsertAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The whole table from county_timeline, in a write transaction of its own, when it is empty while communities exist
    /// (a store from before the region timeline); true when it was built.
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
        var countyRows = await connection.QueryAsync<CountyRow>(new CommandDefinition(AllCountyRowsSql, transaction: transaction, commandTimeout: 600,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await RebuildAsync(connection, transaction, countyRows.Select(r => r.ToRow()), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task<IReadOnlyList<Region>> ReadRegionsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Code, long Level, string? ParentCode)>(new CommandDefinition(RegionsSql, transaction: transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new Region(r.Code, r.Code, r.Code, (RegionLevel)r.Level, r.ParentCode)).ToList();
    }

    private static async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<RegionTimelineRow> rows, CancellationToken cancellationToken)
    {
        await using var insert = await BulkRows.OpenAsync(connection, transaction, "region_timeline", s_columns, cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var f = row.Figures;
            insert.Integer((long)row.Level).Text(row.Code).Text(row.Day)
                .Integer(f.Communities).Integer(f.NotStarted).Integer(f.Pilot).Integer(f.InProgress).Integer(f.Accepted).Integer(f.PilotsEver);
            await insert.EndRowAsync(cancellationToken).ConfigureAwait(false);
        }
        await insert.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    private sealed record CountyRow(string County, string Day, long Communities, long NotStarted, long Pilot, long InProgress, long Accepted, long PilotsEver)
    {
        public TimelineRow ToRow() => new(County, Day, new ProgressFigures((int)Communities, (int)NotStarted, (int)Pilot, (int)InProgress, (int)Accepted, (int)PilotsEver));
    }
}
