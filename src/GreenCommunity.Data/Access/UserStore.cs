using System.Security.Cryptography;
using Dapper;
using GreenCommunity.Data.Storage;
using Microsoft.AspNetCore.Identity;

namespace GreenCommunity.Data.Access;

/// <summary>
/// Local accounts. Passwords are hashed with ASP.NET Core Identity's PasswordHasher; after
/// <see cref="MaxFailedSignIns"/> wrong passwords in a row an account is locked for <see cref="LockoutDuration"/>.
/// </summary>
public sealed class UserStore(SqliteConnectionFactory database, TimeProvider clock)
{
    public const int MaxFailedSignIns = 5;
    public const int MinPasswordLength = 12;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<UserAccount> s_hasher = new();

    private const string Columns =
        """
        id AS Id, user_name AS UserName, display_name AS DisplayName, role AS Role, locality AS Locality, disabled AS Disabled,
        failed_sign_ins AS FailedSignIns, locked_until AS LockedUntil, security_stamp AS SecurityStamp, created_at AS CreatedAt,
        last_sign_in_at AS LastSignInAt
        """;

    private const string InsertSql =
        """
        INSERT INTO users (user_name, display_name, role, locality, password_hash, security_stamp, created_at)
        VALUES (@userName, @displayName, @role, @locality, @hash, @stamp, @createdAt);
        SELECT last_insert_rowid();
        """;

    private const string ByNameSql = $"SELECT {Columns}, password_hash AS PasswordHash FROM users WHERE user_name = @userName";

    private const string ByIdSql = $"SELECT {Columns}, password_hash AS PasswordHash FROM users WHERE id = @id";

    private const string ListSql = $"SELECT {Columns}, '' AS PasswordHash FROM users ORDER BY role, locality, user_name";

    private const string FailedSql =
        """
        UPDATE users SET failed_sign_ins = failed_sign_ins + 1,
               locked_until = CASE WHEN failed_sign_ins + 1 >= @max THEN @lockedUntil ELSE locked_until END
         WHERE id = @id
        """;

    private const string SucceededSql = "UPDATE users SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = @now WHERE id = @id";

    private const string DisabledSql = "UPDATE users SET disabled = @disabled, security_stamp = @stamp WHERE id = @id";

    /// <summary>Creates an account; throws <see cref="ArgumentException"/> for a bad role, locality or password.</summary>
    public async Task<UserAccount> CreateAsync(string userName, string displayName, string role, string? locality, string password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 64 || userName.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("A user name is 1 to 64 characters without spaces.", nameof(userName));
        }
        if (!UserAccount.Roles.Contains(role))
        {
            throw new ArgumentException($"Role must be one of {string.Join(", ", UserAccount.Roles)}.", nameof(role));
        }
        if ((role == UserAccount.CoordinatorRole) != (locality is not null))
        {
            throw new ArgumentException("A coordinator has a locality; other roles have none.", nameof(locality));
        }
        if (password.Length < MinPasswordLength)
        {
            throw new ArgumentException($"A password has at least {MinPasswordLength} characters.", nameof(password));
        }
        var now = clock.GetUtcNow();
        var draft = new UserAccount(0, userName, displayName, role, locality, false, 0, null, NewStamp(), now, null);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, new
            {
                userName,
                displayName,
                role,
                locality,
                hash = s_hasher.HashPassword(draft, password),
                stamp = draft.SecurityStamp,
                createdAt = now,
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return draft with { Id = id };
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new ArgumentException($"The user name {userName} is taken.", nameof(userName), ex);
        }
    }

    /// <summary>Checks a password, counting failures and locking the account after too many.</summary>
    public async Task<SignInOutcome> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(ByNameSql, new { userName }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            s_hasher.HashPassword(null!, password);   // same work as a real check: the timing does not tell which names exist
            return new SignInOutcome(SignInStatus.UnknownUser, null);
        }
        var user = row.ToAccount();
        var now = clock.GetUtcNow();
        if (user.Disabled)
        {
            return new SignInOutcome(SignInStatus.Disabled, user);
        }
        if (user.LockedUntil > now)
        {
            return new SignInOutcome(SignInStatus.LockedOut, user);
        }
        if (s_hasher.VerifyHashedPassword(user, row.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            await connection.ExecuteAsync(new CommandDefinition(FailedSql, new { id = user.Id, max = MaxFailedSignIns, lockedUntil = now + LockoutDuration }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return new SignInOutcome(user.FailedSignIns + 1 >= MaxFailedSignIns ? SignInStatus.LockedOut : SignInStatus.WrongPassword, user);
        }
        await connection.ExecuteAsync(new CommandDefinition(SucceededSql, new { id = user.Id, now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new SignInOutcome(SignInStatus.Succeeded, user with { FailedSignIns = 0, LockedUntil = null, LastSignInAt = now });
    }

    public async Task<UserAccount?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(ByIdSql, new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false))?.ToAccount();
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<UserRow>(new CommandDefinition(ListSql, cancellationToken: cancellationToken)).ConfigureAwait(false)).Select(r => r.ToAccount()).ToList();
    }

    /// <summary>Disables or re-enables an account; a new security stamp ends the account's open sessions.</summary>
    public async Task<bool> SetDisabledAsync(long id, bool disabled, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(DisabledSql, new { id, disabled, stamp = NewStamp() }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>A random password of 16 characters for generated accounts (demo mode).</summary>
    public static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private sealed record UserRow(long Id, string UserName, string DisplayName, string Role, string? Locality, long Disabled, long FailedSignIns,
        DateTimeOffset? LockedUntil, string SecurityStamp, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt, string PasswordHash)
    {
        public UserAccount ToAccount() => new(Id, UserName, DisplayName, Role, Locality, Disabled != 0, (int)FailedSignIns,
            LockedUntil, SecurityStamp, CreatedAt, LastSignInAt);
    }
}
