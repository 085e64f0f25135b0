using Dapper;
using GreenCommunity.Data.Progress;
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
public sealed class CriteriaQueries(StoreDatabase database, PresentDay present)
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
                  FROM stage_events WHERE effective <= @asOf) AS ranked
             WHERE rn = 1 AND stage > 0),
        latest AS (
            SELECT community_code, criterion, value, met FROM (
                SELECT community_code, criterion, value, met,
                       ROW_NUMBER() OVER (PARTITION BY community_code, criterion ORDER BY effective DESC, id DESC) AS rn
                  FROM criterion_assessments WHERE effective <= @asOf) AS ranked
             WHERE rn = 1)
        """;

    // Per county-level unit (with its locality), so that one query answers both levels. {filter}: none, or one.
    private const string SharesQuery =
        """
        SELECT c.locality_code AS Locality, c.county_code AS County, l.criterion AS Criterion, COUNT(*) FILTER (WHERE l.met = 1) AS Met
          FROM started s JOIN communities c ON c.code = s.community_code JOIN latest l ON l.community_code = s.community_code
         {filter}
         GROUP BY c.locality_code, c.county_code, l.criterion
        """;

    private const string StartedQuery =
        """
        SELECT c.locality_code AS Locality, c.county_code AS County, COUNT(*) AS Started
          FROM started s JOIN communities c ON c.code = s.community_code
         {filter}
         GROUP BY c.locality_code, c.county_code
        """;

    // [history or current state][whole province or some localities]: the started counts and the met counts, per engine.
    private static readonly (string Started, string Shares)[,] s_sharesSql = SharesSql(StoreEngine.Sqlite);

    private static readonly (string Started, string Shares)[,] s_sharesSqlPostgres = SharesSql(StoreEngine.Postgres);

    private static (string Started, string Shares)[,] SharesSql(StoreEngine engine)
    {
        var ofLocalities = "WHERE " + StoreSql.InList(engine, "c.locality_code", "@localities");
        return new[,]
        {
            { Both(StartedCte, ""), Both(StartedCte, ofLocalities) },
            { Both(CurrentCte, ""), Both(CurrentCte, ofLocalities) },
        };
    }

    private static (string Started, string Shares) Both(string cte, string filter) =>
        ($"WITH {cte} {StartedQuery.Replace("{filter}", filter, StringComparison.Ordinal)}", $"WITH {cte} {SharesQuery.Replace("{filter}", filter, StringComparison.Ordinal)}");

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

    /// <summary>Shares per locality (<paramref name="within"/> null) or per county-level unit of one locality, on a day.</summary>
    public async Task<IReadOnlyList<CriterionShare>> SharesAsync(DateOnly asOf, string? within, CancellationToken cancellationToken)
    {
        var shares = await ByRegionAsync(asOf, present.IsPresent(asOf), null, cancellationToken).ConfigureAwait(false);
        return within is null ? shares.Localities : shares.Counties.Where(s => s.Locality == within).Select(s => s.Share).ToList();
    }

    /// <summary>
    /// Both levels at once: every locality's and every county-level unit's shares on a day (what the live view keeps);
    /// with <paramref name="localities"/>, only theirs (what one report can have changed).
    /// </summary>
    public async Task<CriteriaSharesByRegion> AllSharesAsync(DateOnly asOf, IReadOnlyCollection<string>? localities, CancellationToken cancellationToken)
    {
        var shares = await ByRegionAsync(asOf, present.IsPresent(asOf), localities, cancellationToken).ConfigureAwait(false);
        return new CriteriaSharesByRegion(shares.Localities, shares.Counties.Select(s => s.Share).ToList());
    }

    /// <summary>Shares from the history even for today: the reconciliation check of the current-state tables.</summary>
    public async Task<IReadOnlyList<CriterionShare>> HistorySharesAsync(DateOnly asOf, CancellationToken cancellationToken) =>
        (await ByRegionAsync(asOf, current: false, null, cancellationToken).ConfigureAwait(false)).Localities;

    /// <summary>The started communities of a locality or county-level unit that do not meet a criterion on a day.</summary>
    public async Task<IReadOnlyList<UnmetCommunity>> UnmetAsync(string region, int criterion, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<UnmetCommunity>(new CommandDefinition(UnmetSql, new { region, criterion, asOf }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    private async Task<(IReadOnlyList<CriterionShare> Localities, IReadOnlyList<(string Locality, CriterionShare Share)> Counties)> ByRegionAsync(
        DateOnly asOf, bool current, IReadOnlyCollection<string>? localities, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var args = new { asOf, localities = localities?.ToArray() };   // an array: PostgreSQL takes a list as one array
        var byEngine = StoreSql.EngineOf(connection) == StoreEngine.Postgres ? s_sharesSqlPostgres : s_sharesSql;
        var (startedSql, sharesSql) = byEngine[current ? 1 : 0, localities is null ? 0 : 1];
        var started = (await connection.QueryAsync<(string Locality, string County, long Started)>(new CommandDefinition(startedSql, args, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        var met = (await connection.QueryAsync<(string Locality, string County, long Criterion, long Met)>(new CommandDefinition(sharesSql, args, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(r => (r.County, (int)r.Criterion), r => (int)r.Met);
        var counties = started
            .SelectMany(c => Enumerable.Range(1, 16).Select(criterion => (c.Locality, new CriterionShare(c.County, criterion, (int)c.Started, met.GetValueOrDefault((c.County, criterion))))))
            .ToList();
        // A locality's cell adds up its county-level units' cells, so the two levels reconcile by construction.
        var byLocality = counties
            .GroupBy(c => (c.Locality, c.Item2.Criterion))
            .Select(g => new CriterionShare(g.Key.Locality, g.Key.Criterion, g.Sum(c => c.Item2.Started), g.Sum(c => c.Item2.Met)))
            .OrderBy(s => s.Region, StringComparer.Ordinal).ThenBy(s => s.Criterion)
            .ToList();
        return (byLocality, counties);
    }
}

/// <summary>The heat map's cells for the whole province on one day: by locality and by county-level unit.</summary>
public sealed record CriteriaSharesByRegion(IReadOnlyList<CriterionShare> Localities, IReadOnlyList<CriterionShare> Counties);
