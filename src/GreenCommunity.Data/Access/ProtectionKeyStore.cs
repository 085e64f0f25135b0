using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Access;

/// <summary>The data-protection keys kept in the store (table <c>data_protection_keys</c>), as XML text by name.</summary>
public sealed class ProtectionKeyStore(StoreDatabase database, TimeProvider clock)
{
    private const string AllSql = "SELECT xml FROM data_protection_keys ORDER BY created_at, name";

    // A key is written once under a new name; a second write of the same name (two servers rotating at once) keeps the first.
    private const string InsertSql =
        "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @createdAt) ON CONFLICT (name) DO NOTHING";

    public async Task<IReadOnlyList<string>> AllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(AllSql, cancellationToken: cancellationToken)).ConfigureAwait(false)];
    }

    public async Task StoreAsync(string name, string xml, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new { name, xml, createdAt = clock.GetUtcNow() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
