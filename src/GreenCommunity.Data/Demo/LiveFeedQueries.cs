using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Demo;

/// <summary>What the demo's live feed can plausibly report next in a locality, from the present state.</summary>
public sealed class LiveFeedQueries(StoreDatabase database)
{
    private const string NotStartedSql =
        """
        SELECT c.code FROM communities c JOIN community_state s ON s.community_code = c.code
         WHERE c.locality_code = @locality AND s.stage = 0
         ORDER BY random() LIMIT @count
        """;

    private const string UnmetSql =
        """
        SELECT cc.community_code AS Community, cc.criterion AS Criterion
          FROM community_criteria cc
          JOIN community_state s ON s.community_code = cc.community_code
          JOIN communities c ON c.code = cc.community_code
         WHERE c.locality_code = @locality AND s.stage IN (1, 2) AND cc.met = 0
         ORDER BY random() LIMIT @count
        """;

    private const string ReadySql =
        """
        SELECT s.community_code FROM community_state s JOIN communities c ON c.code = s.community_code
         WHERE c.locality_code = @locality AND s.stage IN (1, 2)
           AND (SELECT COUNT(*) FROM community_criteria cc WHERE cc.community_code = s.community_code AND cc.met = 1) = 16
         ORDER BY random() LIMIT @count
        """;

    public Task<IReadOnlyList<string>> NotStartedAsync(string locality, int count, CancellationToken cancellationToken) =>
        ListAsync<string>(NotStartedSql, new { locality, count }, cancellationToken);

    public Task<IReadOnlyList<UnmetCriterion>> UnmetCriteriaAsync(string locality, int count, CancellationToken cancellationToken) =>
        ListAsync<UnmetCriterion>(UnmetSql, new { locality, count }, cancellationToken);

    public Task<IReadOnlyList<string>> ReadyForAcceptanceAsync(string locality, int count, CancellationToken cancellationToken) =>
        ListAsync<string>(ReadySql, new { locality, count }, cancellationToken);

    private async Task<IReadOnlyList<T>> ListAsync<T>(string sql, object args, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }
}

public sealed record UnmetCriterion(string Community, long Criterion);
