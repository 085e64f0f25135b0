using System.Globalization;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Audit;
using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Dashboard.Admin;

/// <summary>
/// Accounts and tokens. Every action checks on the server that the caller is the province administrator
/// (hiding a button is not enough), and records the attempt, allowed or refused, in the audit log.
/// </summary>
public sealed class AccountAdministration(UserStore users, ApiTokenStore tokens, ProgressReader progress, AuditRecorder audit)
{
    /// <summary>
    /// Creates an account with the password the administrator typed, or with a generated one when none is given (returned
    /// once). Either way the administrator knows it, so its owner must change it at the first sign-in.
    /// </summary>
    public Task<AdminResult<CreatedAccount>> CreateAccountAsync(System.Security.Claims.ClaimsPrincipal caller, string? address,
        string userName, string displayName, string role, string? locality, string? password, CancellationToken cancellationToken) =>
        CreateAccountAsync(caller, address, new NewAccount(userName, displayName, role, locality, null), password, cancellationToken);

    /// <summary>The same for any role: a department account names its department (the store checks it exists).</summary>
    public async Task<AdminResult<CreatedAccount>> CreateAccountAsync(System.Security.Claims.ClaimsPrincipal caller, string? address,
        NewAccount newAccount, string? password, CancellationToken cancellationToken)
    {
        var (userName, _, role, locality, department) = newAccount;
        var actor = Actor.From(caller, address);
        if (!caller.IsInRole(DashboardRoles.Admin))
        {
            return await RefuseAsync<CreatedAccount>(actor, "account.create", userName);
        }
        if (locality is not null && !await IsLocalityAsync(locality, cancellationToken))
        {
            return await InvalidAsync<CreatedAccount>(actor, "account.create", userName, $"No locality {locality}.");
        }
        var generated = string.IsNullOrEmpty(password) ? UserStore.GeneratePassword() : null;
        try
        {
            var account = await users.CreateAsync(newAccount, generated ?? password!, mustChangePassword: true, cancellationToken);
            await audit.RecordAsync(actor, "account.create", userName, AuditOutcome.Allowed, $"{role} {locality ?? department}".Trim(), cancellationToken);
            return AdminResult.Done(new CreatedAccount(account, generated));
        }
        catch (ArgumentException ex)
        {
            return await InvalidAsync<CreatedAccount>(actor, "account.create", userName, ex.Message);
        }
    }

    /// <summary>
    /// Gives an account a generated password (returned once) that its owner must change at the next sign-in; its open
    /// sessions end. Not the caller's own account: that one changes its password on the password page.
    /// </summary>
    public async Task<AdminResult<string>> ResetPasswordAsync(System.Security.Claims.ClaimsPrincipal caller, string? address, long userId, CancellationToken cancellationToken)
    {
        var actor = Actor.From(caller, address);
        var target = userId.ToString(CultureInfo.InvariantCulture);
        if (!caller.IsInRole(DashboardRoles.Admin))
        {
            return await RefuseAsync<string>(actor, "account.reset-password", target);
        }
        if (caller.UserId() == userId)
        {
            return await InvalidAsync<string>(actor, "account.reset-password", target, "Change your own password on the password page.");
        }
        if (await users.ResetPasswordAsync(userId, cancellationToken) is not { } reset)
        {
            return new AdminResult<string>(AdminStatus.NotFound, null, $"No account {userId}.");
        }
        await audit.RecordAsync(actor, "account.reset-password", reset.Account.UserName, AuditOutcome.Allowed, null, cancellationToken);
        return AdminResult.Done(reset.Password);
    }

    public async Task<AdminResult<bool>> SetDisabledAsync(System.Security.Claims.ClaimsPrincipal caller, string? address, long userId, bool disabled, CancellationToken cancellationToken)
    {
        var actor = Actor.From(caller, address);
        var action = disabled ? "account.disable" : "account.enable";
        var target = userId.ToString(CultureInfo.InvariantCulture);
        if (!caller.IsInRole(DashboardRoles.Admin))
        {
            return await RefuseAsync<bool>(actor, action, target);
        }
        if (disabled && caller.UserId() == userId)
        {
            return await InvalidAsync<bool>(actor, action, target, "An administrator cannot disable the account they are signed in with.");
        }
        var account = await users.GetAsync(userId, cancellationToken);
        if (account is null || !await users.SetDisabledAsync(userId, disabled, cancellationToken))
        {
            return new AdminResult<bool>(AdminStatus.NotFound, false, $"No account {userId}.");
        }
        await audit.RecordAsync(actor, action, account.UserName, AuditOutcome.Allowed, null, cancellationToken);
        return AdminResult.Done(true);
    }

    /// <summary>Issues an API token (scope province or a locality) or a display token; the secret is returned once.</summary>
    public async Task<AdminResult<(ApiToken Token, string Secret)>> IssueTokenAsync(System.Security.Claims.ClaimsPrincipal caller, string? address,
        string name, string kind, string? locality, CancellationToken cancellationToken)
    {
        var actor = Actor.From(caller, address);
        var action = kind == ApiToken.DisplayKind ? "token.issue-display" : "token.issue";
        if (!caller.IsInRole(DashboardRoles.Admin))
        {
            return await RefuseAsync<(ApiToken, string)>(actor, action, name);
        }
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            return await InvalidAsync<(ApiToken, string)>(actor, action, name, "A token needs a name of at most 100 characters.");
        }
        string scope;
        if (kind == ApiToken.DisplayKind)
        {
            scope = ApiToken.DisplayScope;
        }
        else if (kind != ApiToken.ApiKind)
        {
            return await InvalidAsync<(ApiToken, string)>(actor, action, name, "Kind is api or display.");
        }
        else if (locality is null)
        {
            scope = ApiToken.ProvinceScope;
        }
        else if (await IsLocalityAsync(locality, cancellationToken))
        {
            scope = locality;
        }
        else
        {
            return await InvalidAsync<(ApiToken, string)>(actor, action, name, $"No locality {locality}.");
        }
        var issued = await tokens.IssueAsync(name.Trim(), scope, kind, cancellationToken);
        await audit.RecordAsync(actor, action, $"{issued.Token.Client} {name}", AuditOutcome.Allowed, scope, cancellationToken);
        return AdminResult.Done(issued);
    }

    public async Task<AdminResult<bool>> RevokeTokenAsync(System.Security.Claims.ClaimsPrincipal caller, string? address, long tokenId, CancellationToken cancellationToken)
    {
        var actor = Actor.From(caller, address);
        var target = $"token {tokenId}";
        if (!caller.IsInRole(DashboardRoles.Admin))
        {
            return await RefuseAsync<bool>(actor, "token.revoke", target);
        }
        if (!await tokens.RevokeAsync(tokenId, cancellationToken))
        {
            return new AdminResult<bool>(AdminStatus.NotFound, false, $"No live token {tokenId}.");
        }
        await audit.RecordAsync(actor, "token.revoke", target, AuditOutcome.Allowed, null, cancellationToken);
        return AdminResult.Done(true);
    }

    private async Task<bool> IsLocalityAsync(string code, CancellationToken cancellationToken) =>
        (await progress.GetRegionsAsync(cancellationToken)).Any(r => r.Level == RegionLevel.Prefecture && r.Code == code);

    private async Task<AdminResult<T>> RefuseAsync<T>(Actor actor, string action, string? target)
    {
        await audit.RecordAsync(actor, action, target, AuditOutcome.Refused, "not the province administrator");
        return new AdminResult<T>(AdminStatus.Forbidden, default, "Only the province administrator may do this.");
    }

    private async Task<AdminResult<T>> InvalidAsync<T>(Actor actor, string action, string? target, string message)
    {
        await audit.RecordAsync(actor, action, target, AuditOutcome.Refused, message);
        return new AdminResult<T>(AdminStatus.Invalid, default, message);
    }
}
