using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Access;

/// <summary>
/// What open sessions depend on, looked up for many at once: which tokens are still live and each enabled account's
/// security stamp. One periodic check of every open page and hub connection costs two queries, not one per session.
/// </summary>
public sealed class CredentialQueries(StoreDatabase database)
{
    /// <summary>SQLite binds at most 32,766 parameters; batches well under it keep each statement small.</summary>
    private const int BatchSize = 500;

    private static readonly EngineText s_liveTokensSql = new(engine =>
        $"SELECT id FROM api_tokens WHERE revoked_at IS NULL AND {StoreSql.InList(engine, "id", "@ids")}");

    private static readonly EngineText s_stampsSql = new(engine =>
        $"SELECT id AS Id, security_stamp AS Stamp FROM users WHERE disabled = 0 AND {StoreSql.InList(engine, "id", "@ids")}");

    /// <summary>Those of <paramref name="ids"/> that are tokens not revoked.</summary>
    public async Task<IReadOnlySet<long>> LiveTokensAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var live = new HashSet<long>();
        if (ids.Count == 0)
        {
            return live;
        }
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var batch in ids.Chunk(BatchSize))
        {
            live.UnionWith(await connection.QueryAsync<long>(new CommandDefinition(s_liveTokensSql.For(connection), new { ids = batch }, cancellationToken: cancellationToken)).ConfigureAwait(false));
        }
        return live;
    }

    /// <summary>The security stamps of those of <paramref name="userIds"/> that are enabled accounts.</summary>
    public async Task<IReadOnlyDictionary<long, string>> EnabledStampsAsync(IReadOnlyCollection<long> userIds, CancellationToken cancellationToken)
    {
        var stamps = new Dictionary<long, string>();
        if (userIds.Count == 0)
        {
            return stamps;
        }
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var batch in userIds.Chunk(BatchSize))
        {
            foreach (var row in await connection.QueryAsync<StampRow>(new CommandDefinition(s_stampsSql.For(connection), new { ids = batch }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            {
                stamps[row.Id] = row.Stamp;
            }
        }
        return stamps;
    }

    private sealed record StampRow(long Id, string Stamp);
}
