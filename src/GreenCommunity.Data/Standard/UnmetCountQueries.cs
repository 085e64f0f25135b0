using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Data.Standard;

/// <summary>How many started communities each locality still has to bring up to the standard: today's work list.</summary>
public sealed class UnmetCountQueries(StoreDatabase database)
{
    // Pilot (1) or in progress (2), with fewer of the criteria met than the standard has; a criterion never assessed is not met.
    private const string CountsSql =
        """
        SELECT c.locality_code AS Locality, COUNT(*) AS Communities
          FROM community_state s
          JOIN communities c ON c.code = s.community_code
         WHERE s.stage IN (1, 2)
           AND (SELECT COUNT(*) FROM community_criteria cc WHERE cc.community_code = s.community_code AND cc.met = 1) < @criteria
         GROUP BY c.locality_code
        """;

    /// <summary>Per locality, its pilot and in-progress communities that miss at least one criterion today; localities with none are absent.</summary>
    public async Task<IReadOnlyDictionary<string, int>> StartedWithUnmetAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Locality, long Communities)>(new CommandDefinition(CountsSql,
            new { criteria = GreenCommunityStandard.Criteria.Count }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Locality, r => (int)r.Communities, StringComparer.Ordinal);
    }
}
