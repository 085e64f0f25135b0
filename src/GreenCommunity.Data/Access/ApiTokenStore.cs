using System.Security.Cryptography;
using System.Text;
using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Access;

/// <summary>
/// Issues, checks and revokes bearer tokens. A token is 32 random bytes shown once; only its SHA-256 is stored,
/// which is enough for a secret with that much entropy.
/// </summary>
public sealed class ApiTokenStore(StoreDatabase database, TimeProvider clock)
{
    private static readonly TimeSpan s_lastUsedResolution = TimeSpan.FromMinutes(1);

    private const string Columns =
        "id AS Id, name AS Name, scope AS Scope, created_at AS CreatedAt, revoked_at AS RevokedAt, last_used_at AS LastUsedAt, kind AS Kind";

    private const string InsertSql =
        """
        INSERT INTO api_tokens (name, scope, token_hash, created_at, kind) VALUES (@name, @scope, @hash, @createdAt, @kind)
        RETURNING id;
        """;

    private const string FindSql = $"SELECT {Columns} FROM api_tokens WHERE token_hash = @hash AND kind = @kind";

    private const string ByIdSql = $"SELECT {Columns} FROM api_tokens WHERE id = @id";

    private const string TouchSql = "UPDATE api_tokens SET last_used_at = @now WHERE id = @id";

    private const string RevokeSql = "UPDATE api_tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL";

    private const string ListSql = $"SELECT {Columns} FROM api_tokens ORDER BY id";

    /// <summary>Makes an API token; the returned secret is the only copy.</summary>
    public Task<(ApiToken Token, string Secret)> IssueAsync(string name, string scope, CancellationToken cancellationToken) =>
        IssueAsync(name, scope, ApiToken.ApiKind, cancellationToken);

    /// <summary>Makes a token of a kind (api or display); the returned secret is the only copy.</summary>
    public async Task<(ApiToken Token, string Secret)> IssueAsync(string name, string scope, string kind, CancellationToken cancellationToken)
    {
        var secret = (kind == ApiToken.DisplayKind ? "gcd_" : "gc_") + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql,
            new { name, scope, hash = Hash(secret), createdAt = now, kind }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (new ApiToken(id, name, scope, now, null, null, kind), secret);
    }

    /// <summary>The live API token a secret belongs to, or null (unknown, revoked, or a display token).</summary>
    public Task<ApiToken?> ValidateAsync(string secret, CancellationToken cancellationToken) =>
        ValidateAsync(secret, ApiToken.ApiKind, cancellationToken);

    /// <summary>The live token of a kind a secret belongs to, or null (unknown or revoked). Notes when it was last used.</summary>
    public async Task<ApiToken?> ValidateAsync(string secret, string kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(FindSql, new { hash = Hash(secret), kind }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var token = row?.ToToken();
        if (token is null || token.RevokedAt is not null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt >= s_lastUsedResolution)
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(TouchSql, new { id = token.Id, now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            catch (Exception ex) when (StoreErrors.IsBusy(ex))
            {
                // The database is busy with a write: the last-used time can wait for the next request; the caller cannot.
            }
        }
        return token;
    }

    /// <summary>A token by id, revoked or not; null when there is none.</summary>
    public async Task<ApiToken?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(ByIdSql, new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToToken();
    }

    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(RevokeSql, new { id, now = clock.GetUtcNow() }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<TokenRow>(new CommandDefinition(ListSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToToken()).ToList();
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record TokenRow(long Id, string Name, string Scope, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, string Kind)
    {
        public ApiToken ToToken() => new(Id, Name, Scope, CreatedAt, RevokedAt, LastUsedAt, Kind);
    }
}
