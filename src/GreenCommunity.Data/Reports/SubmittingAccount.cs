using System.Data.Common;
using System.Globalization;
using Dapper;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// The account or API token a report comes from. Its right to write is checked in the transaction that writes:
/// an account disabled, or a token revoked, while its report was being validated stores nothing.
/// </summary>
public sealed record SubmittingAccount
{
    private const string UserAllowedSql = "SELECT COUNT(*) FROM users WHERE lower(user_name) = lower(@Name) AND disabled = 0";

    private const string TokenAllowedSql = "SELECT COUNT(*) FROM api_tokens WHERE id = @TokenId AND revoked_at IS NULL AND kind = 'api'";

    private SubmittingAccount(string? name, long? tokenId) => (Name, TokenId) = (name, tokenId);

    /// <summary>A signed-in user's name, or null for a token.</summary>
    public string? Name { get; }

    /// <summary>An API token's id, or null for a user.</summary>
    public long? TokenId { get; }

    public static SubmittingAccount User(string userName) => new(userName, null);

    public static SubmittingAccount Token(long id) => new(null, id);

    /// <summary>
    /// The account an audit actor names ("user:wuhan", "token:7"); null for senders that are no account (the demo feed).
    /// </summary>
    public static SubmittingAccount? FromActor(string actor)
    {
        const string user = "user:", token = "token:";
        if (actor.StartsWith(user, StringComparison.Ordinal) && actor.Length > user.Length)
        {
            return User(actor[user.Length..]);
        }
        return actor.StartsWith(token, StringComparison.Ordinal)
            && long.TryParse(actor.AsSpan(token.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? Token(id)
            : null;
    }

    /// <summary>Whether the account is still enabled (or the token still live), read inside <paramref name="transaction"/>.</summary>
    internal async Task<bool> MayWriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(Name is null ? TokenAllowedSql : UserAllowedSql,
            new { Name, TokenId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) != 0;

    /// <summary>The count (0 or 1) <see cref="MayWriteAsync"/> reads, for a query that reads it with other things (<see cref="WriteStart"/>).</summary>
    internal string AllowedSql => Name is null ? TokenAllowedSql : UserAllowedSql;

    public override string ToString() => Name is null ? $"token:{TokenId}" : $"user:{Name}";
}
