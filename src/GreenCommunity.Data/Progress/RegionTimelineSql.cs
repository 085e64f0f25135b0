using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Data.Progress;

/// <summary>
/// Keeps region_timeline (<see cref="RegionTimeline"/>) in step with county_timeline, inside the transaction that
/// rewrote the counties' rows (<see cref="CountyTimelineSql"/>): after a report, the change of its counties' rows is added
/// to each ancestor's rows from the first changed day on (a few rows per ancestor, not a national rebuild); after a
/// rebuild of every county, and at start-up on a store without it, the table is written whole.
/// </summary>
public static class RegionTimelineSql
{
    private const string RegionsSql = "SELECT code AS Code, level AS Level, parent_code AS ParentCode FROM regions";

    private static readonly EngineText s_countyRowsSql = new(engine =>
        $"""
        SELECT county_code AS County, day AS Day, communities AS Communities, not_started AS NotStarted, pilot AS Pilot,
               in_progress AS InProgress, accepted AS Accepted, pilots_ever AS PilotsEver
          FROM county_timeline WHERE {StoreSql.InList(engine, "county_code", "@counties")}
        """);

    private const string AllCountyRowsSql =
        """
        SELECT county_code AS County, day AS Day, communities AS Communities, not_started AS NotStarted, pilot AS Pilot,
               in_progress AS InProgress, accepted AS Accepted, pilots_ever AS PilotsEver
          FROM county_timeline
        """;

    // The region's rows from the last one before @from (its figures until @from) on, through the primary key.
    private const string StoredFromSql =
        """
        SELECT level AS Level, region_code AS Code, day AS Day, communities AS Communities, not_started AS NotStarted, pilot AS Pilot,
               in_progress AS InProgress, accepted AS Accepted, pilots_ever AS PilotsEver
          FROM region_timeline
         WHERE level = @level AND region_code = @code
           AND day >= COALESCE((SELECT MAX(m.day) FROM region_timeline m WHERE m.level = @level AND m.region_code = @code AND m.day < @from), @from)
         ORDER BY day
        """;

    private const string DeleteFromSql = "DELETE FROM region_timeline WHERE level = @level AND region_code = @code AND day >= @from";

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

    /// <summary>Every stored row of <paramref name="counties"/> in county_timeline: what <see cref="ApplyAsync"/> takes as their rows before.</summary>
    public static async Task<IReadOnlyList<TimelineRow>> ReadCountyRowsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string> counties,
        CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<CountyRow>(new CommandDefinition(s_countyRowsSql.For(connection), new { counties = counties.ToArray() }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToRow()).ToList();
    }

    /// <summary>
    /// After some counties' rows were replaced (<paramref name="before"/> and <paramref name="after"/>: every row of those
    /// counties), each of their ancestors' rows from its first changed day on. Returns the rows written.
    /// </summary>
    public static async Task<int> ApplyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<TimelineRow> before, IReadOnlyList<TimelineRow> after,
        CancellationToken cancellationToken)
    {
        var regions = await ReadRegionsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var changes = RegionTimeline.Changes(RegionTimeline.AncestorsOfCounties(regions), before, after);
        var rows = new List<RegionTimelineRow>();
        foreach (var (region, steps) in changes)
        {
            var args = new { level = (long)region.Level, code = region.Code, from = steps.Keys.First() };
            var stored = await connection.QueryAsync<RegionRow>(new CommandDefinition(StoredFromSql, args, transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
            rows.AddRange(RegionTimeline.Apply(region, stored.Select(r => r.ToRow()).ToList(), steps));
            await connection.ExecuteAsync(new CommandDefinition(DeleteFromSql, args, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        return await InsertAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
    }

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

    private sealed record RegionRow(long Level, string Code, string Day, long Communities, long NotStarted, long Pilot, long InProgress, long Accepted, long PilotsEver)
    {
        public RegionTimelineRow ToRow() => new((RegionLevel)Level, Code, Day,
            new ProgressFigures((int)Communities, (int)NotStarted, (int)Pilot, (int)InProgress, (int)Accepted, (int)PilotsEver));
    }
}
