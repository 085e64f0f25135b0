using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Data.Communities;

public sealed class CommunityQueries(StoreDatabase database)
{
    private const string CommunitySql =
        "SELECT code AS Code, name AS Name, county_code AS County, locality_code AS Locality FROM communities WHERE code = @code";

    private const string HistorySql =
        """
        SELECT e.effective AS Effective, e.stage AS Stage, r.report_id AS ReportId
          FROM stage_events e JOIN reports r ON r.id = e.report
         WHERE e.community_code = @code AND e.effective <= @asOf
         ORDER BY e.effective, e.id
        """;

    private const string CriteriaSql =
        """
        SELECT criterion AS Criterion, value AS Value FROM (
            SELECT criterion, value, ROW_NUMBER() OVER (PARTITION BY criterion ORDER BY effective DESC, id DESC) AS rn
              FROM criterion_assessments
             WHERE community_code = @code AND effective <= @asOf) AS ranked
         WHERE rn = 1
         ORDER BY criterion
        """;

    /// <summary>A locality's communities with where each stands today; the search and the whole list narrow and order it.</summary>
    private const string LocalityCommunitiesSql =
        """
        SELECT c.code AS Code, c.name AS Name, r.name AS County, c.town_name AS Town, s.stage AS Stage, s.pilot AS Pilot
          FROM communities c
          JOIN regions r ON r.code = c.county_code AND r.level = 3
          JOIN community_state s ON s.community_code = c.code
         WHERE c.locality_code = @locality
        """;

    private const string SearchSql = LocalityCommunitiesSql +
        """

           AND (c.name LIKE @contains ESCAPE '\' OR c.code LIKE @prefix ESCAPE '\' OR c.town_name LIKE @contains ESCAPE '\')
         ORDER BY c.code
         LIMIT @limit
        """;

    private const string LocalitySql = LocalityCommunitiesSql +
        """

         ORDER BY c.code
        """;

    /// <summary>Communities of a locality whose name, town or code matches what was typed (Chinese name or code).</summary>
    public async Task<IReadOnlyList<CommunitySearchResult>> SearchAsync(string locality, string? text, int limit, CancellationToken cancellationToken)
    {
        var term = (text ?? "").Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SearchRow>(new CommandDefinition(SearchSql,
            new { locality, contains = $"%{term}%", prefix = $"{term}%", limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToResult()).ToList();
    }

    /// <summary>
    /// Every community of a locality with where it stands today, in code order: one read for a page that offers them
    /// (the submit form searches these in memory instead of querying per keystroke).
    /// </summary>
    public async Task<IReadOnlyList<CommunitySearchResult>> ListWithStagesAsync(string locality, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SearchRow>(new CommandDefinition(LocalitySql, new { locality }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToResult()).ToList();
    }

    /// <summary>The locality a community code belongs to; null when no community has that code.</summary>
    public async Task<string?> LocalityOfAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT locality_code FROM communities WHERE code = @code", new { code }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>A locality's communities in code order, for the Excel template.</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> ListAsync(string locality, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<(string Code, string Name)>(new CommandDefinition(
            "SELECT code, name FROM communities WHERE locality_code = @locality ORDER BY code", new { locality }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    /// <summary>The community as it stood at the end of a day; null when there is no such community.</summary>
    public async Task<CommunityDetail?> GetAsync(string code, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var community = await connection.QuerySingleOrDefaultAsync<CommunityRow>(new CommandDefinition(CommunitySql, new { code }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (community is null)
        {
            return null;
        }
        var args = new { code, asOf };
        var history = (await connection.QueryAsync<HistoryRow>(new CommandDefinition(HistorySql, args, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(h => new StageHistoryEntry(h.Effective, (Stage)h.Stage, h.ReportId))
            .ToList();
        var criteria = (await connection.QueryAsync<CriterionRow>(new CommandDefinition(CriteriaSql, args, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(c => (int)c.Criterion, c => c.Value);
        // The latest effective day wins; on the same day the later receipt, which the ordering puts last.
        var stage = history.Count == 0 ? Stage.NotStarted : history[^1].Stage;
        return new CommunityDetail(community.Code, community.Name, community.County, community.Locality, stage,
            history.Any(h => h.Stage == Stage.Pilot), criteria, history);
    }

    private sealed record CommunityRow(string Code, string Name, string County, string Locality);

    private sealed record SearchRow(string Code, string Name, string County, string Town, long Stage, long Pilot)
    {
        public CommunitySearchResult ToResult() => new(Code, Name, County, Town, (Stage)Stage, Pilot != 0);
    }

    private sealed record HistoryRow(DateOnly Effective, long Stage, string ReportId);

    private sealed record CriterionRow(long Criterion, double Value);
}
