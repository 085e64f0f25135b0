using System.Security.Cryptography;
using Dapper;
using GreenCommunity.Data.Storage;
using Microsoft.AspNetCore.Identity;

namespace GreenCommunity.Data.Access;

/// <summary>
/// Local accounts. Passwords are hashed with ASP.NET Core Identity's PasswordHasher. After <see cref="MaxFailedSignIns"/>
/// wrong passwords in a row from one address, that address may not try that account for <see cref="LockoutDuration"/>;
/// the account stays open from everywhere else (a lock-out of the whole account would let anyone lock the real user out).
/// </summary>
public sealed class UserStore(StoreDatabase database, TimeProvider clock)
{
    public const int MaxFailedSignIns = 5;
    public const int MinPasswordLength = PasswordPolicy.MinLength;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>Failure rows older than this are dropped: no lock-out or count reaches so far back.</summary>
    private static readonly TimeSpan s_failureRetention = TimeSpan.FromDays(1);

    private static readonly PasswordHasher<UserAccount> s_hasher = new();

    private const string Columns =
        """
        id AS Id, user_name AS UserName, display_name AS DisplayName, role AS Role, locality AS Locality, disabled AS Disabled,
        security_stamp AS SecurityStamp, created_at AS CreatedAt, last_sign_in_at AS LastSignInAt, must_change_password AS MustChangePassword,
        department AS Department
        """;

    private const string InsertSql =
        """
        INSERT INTO users (user_name, display_name, role, locality, department, password_hash, security_stamp, created_at, must_change_password)
        VALUES (@userName, @displayName, @role, @locality, @department, @hash, @stamp, @createdAt, @mustChangePassword)
        RETURNING id;
        """;

    private const string DepartmentSql = "SELECT COUNT(*) FROM departments WHERE code = @department";

    private const string ByNameSql = $"SELECT {Columns}, password_hash AS PasswordHash FROM users WHERE lower(user_name) = lower(@userName)";   // names are unique whatever their case, on both engines

    private const string ByIdSql = $"SELECT {Columns}, password_hash AS PasswordHash FROM users WHERE id = @id";

    private const string ListSql = $"SELECT {Columns}, '' AS PasswordHash FROM users ORDER BY role, locality, department, user_name";

    private const string LockSql = "SELECT locked_until AS LockedUntil FROM sign_in_failures WHERE user_id = @id AND address = @address";

    private const string PruneSql = "DELETE FROM sign_in_failures WHERE last_failed_at < @before";

    /// <summary>One more wrong password from this address; a lock that has run out, or a count gone quiet, starts again at 1.</summary>
    private const string FailedSql =
        """
        INSERT INTO sign_in_failures (user_id, address, failures, locked_until, last_failed_at)
        VALUES (@id, @address, 1, CASE WHEN 1 >= @max THEN @lockedUntil END, @now)
        ON CONFLICT (user_id, address) DO UPDATE SET
            failures = CASE WHEN sign_in_failures.locked_until IS NOT NULL OR sign_in_failures.last_failed_at < @quietSince THEN 1
                            ELSE sign_in_failures.failures + 1 END,
            locked_until = CASE WHEN (CASE WHEN sign_in_failures.locked_until IS NOT NULL OR sign_in_failures.last_failed_at < @quietSince THEN 1
                                           ELSE sign_in_failures.failures + 1 END) >= @max
                                THEN @lockedUntil END,
            last_failed_at = @now
        RETURNING failures
        """;

    private const string SucceededSql =
        """
        DELETE FROM sign_in_failures WHERE user_id = @id AND address = @address;
        UPDATE users SET last_sign_in_at = @now WHERE id = @id;
        """;

    private const string DisabledSql = "UPDATE users SET disabled = @disabled, security_stamp = @stamp WHERE id = @id";

    private const string PasswordSql =
        """
        UPDATE users SET password_hash = @hash, security_stamp = @stamp, must_change_password = @mustChangePassword WHERE id = @id;
        DELETE FROM sign_in_failures WHERE user_id = @id;
        """;

    /// <summary>Creates an account whose owner chose the password (the command line, the demo).</summary>
    public Task<UserAccount> CreateAsync(string userName, string displayName, string role, string? locality, string password, CancellationToken cancellationToken) =>
        CreateAsync(userName, displayName, role, locality, password, mustChangePassword: false, cancellationToken);

    /// <summary>Creates an account of any role but a department's; throws <see cref="ArgumentException"/> for a bad role, locality or password.</summary>
    public Task<UserAccount> CreateAsync(string userName, string displayName, string role, string? locality, string password, bool mustChangePassword,
        CancellationToken cancellationToken) =>
        CreateAsync(new NewAccount(userName, displayName, role, locality, null), password, mustChangePassword, cancellationToken);

    /// <summary>Creates an account; throws <see cref="ArgumentException"/> for a bad role, locality, department or password.</summary>
    public async Task<UserAccount> CreateAsync(NewAccount account, string password, bool mustChangePassword, CancellationToken cancellationToken)
    {
        var (userName, displayName, role, locality, department) = account;
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 64 || userName.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("A user name is 1 to 64 characters without spaces.", nameof(account));
        }
        if (!UserAccount.Roles.Contains(role))
        {
            throw new ArgumentException($"Role must be one of {string.Join(", ", UserAccount.Roles)}.", nameof(account));
        }
        if ((role == UserAccount.CoordinatorRole) != (locality is not null))
        {
            throw new ArgumentException("A coordinator has a locality; other roles have none.", nameof(account));
        }
        if ((role == UserAccount.DepartmentRole) != (department is not null))
        {
            throw new ArgumentException("A department account has a department; other roles have none.", nameof(account));
        }
        if (PasswordPolicy.Problem(userName, password) is { } problem)
        {
            throw new ArgumentException(PasswordPolicy.Describe(problem), nameof(password));
        }
        var now = clock.GetUtcNow();
        var draft = new UserAccount(0, userName, displayName, role, locality, false, NewStamp(), now, null, mustChangePassword, department);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (department is not null && await connection.ExecuteScalarAsync<long>(new CommandDefinition(DepartmentSql, new { department }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 0)
        {
            throw new ArgumentException($"No department {department}.", nameof(account));
        }
        try
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, new
            {
                userName,
                displayName,
                role,
                locality,
                department,
                hash = s_hasher.HashPassword(draft, password),
                stamp = draft.SecurityStamp,
                createdAt = now,
                mustChangePassword,
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return draft with { Id = id };
        }
        catch (Exception ex) when (StoreErrors.IsUniqueViolation(ex))
        {
            throw new ArgumentException($"The user name {userName} is taken.", nameof(account), ex);
        }
    }

    /// <summary>
    /// Checks a password from an address, counting wrong ones for that address and account. A disabled account is only
    /// reported to someone who knew its password; an unknown name and a lock-out cost the same hashing as a real check,
    /// so that neither the answer's time nor its kind tells which names exist.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string userName, string password, string? address, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(ByNameSql, new { userName }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            s_hasher.HashPassword(null!, password);
            return new SignInOutcome(SignInStatus.UnknownUser, null);
        }
        var user = row.ToAccount();
        var now = clock.GetUtcNow();
        var from = address ?? "";
        var lockedUntil = await connection.QuerySingleOrDefaultAsync<LockRow>(new CommandDefinition(LockSql, new { id = user.Id, address = from }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (lockedUntil?.LockedUntil > now)
        {
            s_hasher.HashPassword(user, password);
            return new SignInOutcome(SignInStatus.LockedOut, user);
        }
        if (s_hasher.VerifyHashedPassword(user, row.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            await connection.ExecuteAsync(new CommandDefinition(PruneSql, new { before = now - s_failureRetention }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var failures = await connection.ExecuteScalarAsync<long>(new CommandDefinition(FailedSql, new
            {
                id = user.Id,
                address = from,
                max = MaxFailedSignIns,
                lockedUntil = now + LockoutDuration,
                quietSince = now - LockoutDuration,
                now,
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return new SignInOutcome(failures >= MaxFailedSignIns ? SignInStatus.LockedOut : SignInStatus.WrongPassword, user);
        }
        if (user.Disabled)
        {
            return new SignInOutcome(SignInStatus.Disabled, user);
        }
        await connection.ExecuteAsync(new CommandDefinition(SucceededSql, new { id = user.Id, address = from, now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new SignInOutcome(SignInStatus.Succeeded, user with { LastSignInAt = now });
    }

    /// <summary>
    /// The owner changes their password: the current one, then a new one that keeps the policy and differs from it.
    /// A new security stamp ends the account's other sessions; the caller signs the current one in again.
    /// </summary>
    public async Task<PasswordChangeOutcome> ChangePasswordAsync(long id, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(ByIdSql, new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null || row.Disabled != 0)
        {
            return new PasswordChangeOutcome(PasswordChangeStatus.NoAccount, null);
        }
        var user = row.ToAccount();
        if (s_hasher.VerifyHashedPassword(user, row.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            return new PasswordChangeOutcome(PasswordChangeStatus.WrongCurrentPassword, user);
        }
        if (PasswordPolicy.Problem(user.UserName, newPassword) is { } problem)
        {
            return new PasswordChangeOutcome(problem, user);
        }
        if (newPassword == currentPassword)
        {
            return new PasswordChangeOutcome(PasswordChangeStatus.SameAsCurrent, user);
        }
        var changed = user with { SecurityStamp = NewStamp(), MustChangePassword = false };
        await connection.ExecuteAsync(new CommandDefinition(PasswordSql, new
        {
            id,
            hash = s_hasher.HashPassword(changed, newPassword),
            stamp = changed.SecurityStamp,
            mustChangePassword = false,
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new PasswordChangeOutcome(PasswordChangeStatus.Changed, changed);
    }

    /// <summary>
    /// An administrator's reset: a generated password (returned once) that its owner must change at the next sign-in;
    /// the account's sessions end and its lock-outs are lifted. Null when there is no such account.
    /// </summary>
    public async Task<(UserAccount Account, string Password)?> ResetPasswordAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(ByIdSql, new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }
        var password = GeneratePassword();
        var reset = row.ToAccount() with { SecurityStamp = NewStamp(), MustChangePassword = true };
        await connection.ExecuteAsync(new CommandDefinition(PasswordSql, new
        {
            id,
            hash = s_hasher.HashPassword(reset, password),
            stamp = reset.SecurityStamp,
            mustChangePassword = true,
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (reset, password);
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

    /// <summary>A random password of 16 characters for generated accounts (demo mode, an administrator's create or reset).</summary>
    public static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private sealed record LockRow(DateTimeOffset? LockedUntil);

    private sealed record UserRow(long Id, string UserName, string DisplayName, string Role, string? Locality, long Disabled,
        string SecurityStamp, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt, long MustChangePassword, string? Department, string PasswordHash)
    {
        public UserAccount ToAccount() => new(Id, UserName, DisplayName, Role, Locality, Disabled != 0, SecurityStamp, CreatedAt, LastSignInAt, MustChangePassword != 0, Department);
    }
}
