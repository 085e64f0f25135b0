using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Data.Communities;

public sealed class CommunityQueries(SqliteConnectionFactory database)
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
             WHERE community_code = @code AND effective <= @asOf)
         WHERE rn = 1
         ORDER BY criterion
        """;

    /// <summary>The community as it stood at the end of a day; null when there is no such community.</summary>
    public async Task<CommunityDetail?> GetAsync(string code, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var community = await connection.QuerySingleOrDefaultAsync<CommunityRow>(new CommandDefinition(CommunitySql, new { code }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (community is null)
        {
            return null;
        }
        var args = new { code, asOf = SqlDates.ToSql(asOf) };
        var history = (await connection.QueryAsync<HistoryRow>(new CommandDefinition(HistorySql, args, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(h => new StageHistoryEntry(SqlDates.ParseDay(h.Effective), (Stage)h.Stage, h.ReportId))
            .ToList();
        var criteria = (await connection.QueryAsync<CriterionRow>(new CommandDefinition(CriteriaSql, args, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(c => (int)c.Criterion, c => c.Value);
        // The latest effective day wins; on the same day the later receipt, which the ordering puts last.
        var stage = history.Count == 0 ? Stage.NotStarted : history[^1].Stage;
        return new CommunityDetail(community.Code, community.Name, community.County, community.Locality, stage,
            history.Any(h => h.Stage == Stage.Pilot), criteria, history);
    }

    private sealed record CommunityRow(string Code, string Name, string County, string Locality);

    private sealed record HistoryRow(string Effective, long Stage, string ReportId);

    private sealed record CriterionRow(long Criterion, double Value);
}
