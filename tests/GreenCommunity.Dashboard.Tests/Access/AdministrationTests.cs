using System.Security.Claims;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Admin;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Access;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Access;

/// <summary>Every administrative write, tried by every role: only the province administrator gets through, and every try is audited.</summary>
public sealed class AdministrationTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AccountAdministration Administration => factory.Services.GetRequiredService<AccountAdministration>();

    public static TheoryData<string, string> NonAdminsAndActions()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in new[] { DashboardRoles.Coordinator, DashboardRoles.Viewer, DashboardRoles.Display, "anonymous" })
        {
            foreach (var action in new[] { "account.create", "account.disable", "account.enable", "account.reset-password", "token.issue", "token.issue-display", "token.revoke" })
            {
                data.Add(role, action);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(NonAdminsAndActions))]
    public async Task Action_NotAdministrator_IsRefusedChangesNothingAndIsAudited(string role, string action)
    {
        // Arrange
        var caller = Principal(role);
        var token = await LiveTokenAsync();
        var before = await StateAsync();
        var audited = await RefusedCountAsync(action);

        // Act
        var status = await RunAsync(caller, action, token);

        // Assert
        Assert.Equal(AdminStatus.Forbidden, status);
        Assert.Equal(before, await StateAsync());
        Assert.Equal(audited + 1, await RefusedCountAsync(action));
    }

    [Theory]
    [InlineData("account.create")]
    [InlineData("account.disable")]
    [InlineData("account.enable")]
    [InlineData("account.reset-password")]
    [InlineData("token.issue")]
    [InlineData("token.issue-display")]
    [InlineData("token.revoke")]
    public async Task Action_Administrator_IsDoneAndAudited(string action)
    {
        // Arrange
        var token = await LiveTokenAsync();
        var before = await StateAsync();

        // Act
        var status = await RunAsync(Principal(DashboardRoles.Admin), action, token);

        // Assert
        Assert.Equal(AdminStatus.Done, status);
        Assert.NotEqual(before, await StateAsync());
        Assert.True(await factory.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = @action AND outcome = 'allowed' AND actor = 'user:admin'", new { action }) >= 1);
    }

    [Fact]
    public async Task CreateAccount_BadInput_IsRefusedWithAReason()
    {
        // Act
        var shortPassword = await Administration.CreateAccountAsync(Principal(DashboardRoles.Admin), "127.0.0.1", "newuser", "New", "viewer", null, "short", Ct);
        var noLocality = await Administration.CreateAccountAsync(Principal(DashboardRoles.Admin), "127.0.0.1", "newuser", "New", "coordinator", null, "long-enough-password", Ct);
        var badLocality = await Administration.CreateAccountAsync(Principal(DashboardRoles.Admin), "127.0.0.1", "newuser", "New", "coordinator", "999999", "long-enough-password", Ct);
        var taken = await Administration.CreateAccountAsync(Principal(DashboardRoles.Admin), "127.0.0.1", "wuhan", "Dup", "viewer", null, "long-enough-password", Ct);

        // Assert
        Assert.All([shortPassword, noLocality, badLocality, taken], r => Assert.Equal(AdminStatus.Invalid, r.Status));
        Assert.Contains("12", shortPassword.Message, StringComparison.Ordinal);
        Assert.Contains("taken", taken.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM users WHERE user_name = 'newuser'"));
    }

    /// <summary>A live token for the revoke action to aim at, made before the state is taken.</summary>
    private async Task<long> LiveTokenAsync() =>
        (await factory.Services.GetRequiredService<ApiTokenStore>().IssueAsync("to revoke " + Guid.NewGuid().ToString("N")[..8], "420100", Ct)).Token.Id;

    private async Task<AdminStatus> RunAsync(ClaimsPrincipal caller, string action, long token)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var target = await factory.ScalarAsync<long>("SELECT id FROM users WHERE user_name = 'leader'");
        return action switch
        {
            "account.create" => (await Administration.CreateAccountAsync(caller, "127.0.0.1", "u" + suffix, "New", "coordinator", "420500", "a-long-enough-password", Ct)).Status,
            "account.disable" => (await Administration.SetDisabledAsync(caller, "127.0.0.1", target, true, Ct)).Status,
            "account.enable" => (await Administration.SetDisabledAsync(caller, "127.0.0.1", target, false, Ct)).Status,
            "account.reset-password" => (await Administration.ResetPasswordAsync(caller, "127.0.0.1", target, Ct)).Status,
            "token.issue" => (await Administration.IssueTokenAsync(caller, "127.0.0.1", "api " + suffix, ApiToken.ApiKind, "420100", Ct)).Status,
            "token.issue-display" => (await Administration.IssueTokenAsync(caller, "127.0.0.1", "screen " + suffix, ApiToken.DisplayKind, null, Ct)).Status,
            "token.revoke" => (await Administration.RevokeTokenAsync(caller, "127.0.0.1", token, Ct)).Status,
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }

    /// <summary>Accounts and tokens as rows, so any change shows.</summary>
    private Task<string> StateAsync() => factory.ScalarAsync<string>(
        """
        SELECT (SELECT group_concat(user_name || disabled || security_stamp, ',') FROM users) || '|' ||
               (SELECT group_concat(id || COALESCE(revoked_at, '-'), ',') FROM api_tokens)
        """);

    private Task<long> RefusedCountAsync(string action) =>
        factory.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = @action AND outcome = 'refused'", new { action });

    private static ClaimsPrincipal Principal(string role)
    {
        if (role == "anonymous")
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }
        var claims = new List<Claim> { new(ClaimTypes.Name, role == DashboardRoles.Admin ? "admin" : role), new(ClaimTypes.Role, role), new(DashboardClaims.UserId, "999") };
        if (role == DashboardRoles.Coordinator)
        {
            claims.Add(new Claim(DashboardClaims.Locality, "420100"));
        }
        if (role == DashboardRoles.Display)
        {
            claims.Add(new Claim(DashboardClaims.DisplayTokenId, "1"));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }
}
