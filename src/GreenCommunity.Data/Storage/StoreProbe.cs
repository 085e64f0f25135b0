using Dapper;

namespace GreenCommunity.Data.Storage;

/// <summary>Whether the store answers: a query over its reference data, for the health check.</summary>
public sealed class StoreProbe(StoreDatabase database)
{
    private const string CommunitiesSql = "SELECT COUNT(*) FROM communities";

    /// <summary>How many communities the reference data holds; throws when the database cannot be read.</summary>
    public async Task<long> CommunitiesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(CommunitiesSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
