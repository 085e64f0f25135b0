using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Standard;

/// <summary>One cell of the standard's heat map: of a region's started communities, how many meet a criterion.</summary>
public sealed record CriterionShare(string Region, int Criterion, int Started, int Met)
{
    public double Share => Started == 0 ? 0 : (double)Met / Started;
}

/// <summary>A started community that does not meet a criterion on a day (never assessed counts as not met).</summary>
public sealed record UnmetCommunity(string Code, string Name, string County, double? Value);

/// <summary>How the started communities stand against the 16 criteria on any day, from the assessment history.</summary>
public sealed class CriteriaQueries(SqliteConnectionFactory database)
{
    // Today's state is in the current-state tables; only a past day needs the history.
    private const string CurrentCte =
        """
        started AS (SELECT community_code FROM community_state WHERE stage > 0),
        latest AS (SELECT community_code, criterion, value, met FROM community_criteria)
        """;

    private const string StartedCte =
        """
        started AS (
            SELECT community_code FROM (
                SELECT community_code, stage, ROW_NUMBER() OVER (PARTITION BY community_code ORDER BY effective DESC, id DESC) AS rn
                  FROM stage_events WHERE effective <= @asOf)
             WHERE rn = 1 AND stage > 0),
        latest AS (
            SELECT community_code, criterion, value, met FROM (
                SELECT community_code, criterion, value, met,
                       ROW_NUMBER() OVER (PARTITION BY community_code, criterion ORDER BY effective DESC, id DESC) AS rn
                  FROM criterion_assessments WHERE effective <= @asOf)
             WHERE rn = 1)
        """;

    // Grouped by locality across the province, or by county-level unit within one locality (@within).
    private const string Region = "CASE WHEN @within IS NULL THEN c.locality_code ELSE c.county_code END";

    private const string SharesQuery =
        $"""
        SELECT {Region} AS Region, l.criterion AS Criterion, SUM(l.met) AS Met
          FROM started s JOIN communities c ON c.code = s.community_code JOIN latest l ON l.community_code = s.community_code
         WHERE @within IS NULL OR c.locality_code = @within
         GROUP BY {Region}, l.criterion
        """;

    private const string StartedQuery =
        $"""
        SELECT {Region} AS Region, COUNT(*) AS Started
          FROM started s JOIN communities c ON c.code = s.community_code
         WHERE @within IS NULL OR c.locality_code = @within
         GROUP BY {Region}
        """;

    private const string SharesSql = $"WITH {StartedCte} {SharesQuery}";
    private const string StartedSql = $"WITH {StartedCte} {StartedQuery}";
    private const string CurrentSharesSql = $"WITH {CurrentCte} {SharesQuery}";
    private const string CurrentStartedSql = $"WITH {CurrentCte} {StartedQuery}";

    private const string UnmetSql =
        $"""
        WITH {StartedCte}
        SELECT c.code AS Code, c.name AS Name, r.name AS County, l.value AS Value
          FROM started s
          JOIN communities c ON c.code = s.community_code
          JOIN regions r ON r.code = c.county_code AND r.level = 3
          LEFT JOIN latest l ON l.community_code = s.community_code AND l.criterion = @criterion
         WHERE (c.locality_code = @region OR c.county_code = @region) AND COALESCE(l.met, 0) = 0
         ORDER BY c.code
        """;

    /// <summary>
    /// Shares per locality (<paramref name="within"/> null) or per county-level unit of one locality. With
    /// <paramref name="current"/> (the day is today) the current-state tables answer; a past day reads the history.
    /// </summary>
    public async Task<IReadOnlyList<CriterionShare>> SharesAsync(DateOnly asOf, string? within, CancellationToken cancellationToken, bool current = false)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var args = new { asOf = SqlDates.ToSql(asOf), within };
        var (startedSql, sharesSql) = current ? (CurrentStartedSql, CurrentSharesSql) : (StartedSql, SharesSql);
        var started = (await connection.QueryAsync<(string Region, long Started)>(new CommandDefinition(startedSql, args, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(r => r.Region, r => (int)r.Started, StringComparer.Ordinal);
        var met = (await connection.QueryAsync<(string Region, long Criterion, long Met)>(new CommandDefinition(sharesSql, args, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(r => (r.Region, (int)r.Criterion), r => (int)r.Met);
        return started.Keys.SelectMany(locality => Enumerable.Range(1, 16)
                .Select(criterion => new CriterionShare(locality, criterion, started[locality], met.GetValueOrDefault((locality, criterion)))))
            .ToList();
    }

    /// <summary>The started communities of a locality or county-level unit that do not meet a criterion on a day.</summary>
    public async Task<IReadOnlyList<UnmetCommunity>> UnmetAsync(string region, int criterion, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<UnmetCommunity>(new CommandDefinition(UnmetSql, new { region, criterion, asOf = SqlDates.ToSql(asOf) }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }
}
