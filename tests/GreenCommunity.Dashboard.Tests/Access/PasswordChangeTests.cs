using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Admin;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Access;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Access;

/// <summary>Users change their own password; an administrator resets one; a password an administrator knows must be changed first.</summary>
public sealed partial class PasswordChangeTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ClaimsPrincipal s_administrator = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, DashboardRoles.Admin), new Claim(DashboardClaims.UserId, "999999")], "test"));

    private UserStore Users => factory.Services.GetRequiredService<UserStore>();

    private AccountAdministration Administration => factory.Services.GetRequiredService<AccountAdministration>();

    [Fact]
    public async Task ChangePassword_CurrentAndNew_KeepsThisSessionEndsTheOthersAndReplacesThePassword()
    {
        // Arrange
        await Users.CreateAsync("changer", "Changer", UserAccount.ViewerRole, null, "changer-old-password", Ct);
        using var here = await factory.SignedInClientAsync("changer", "changer-old-password");
        using var elsewhere = await factory.SignedInClientAsync("changer", "changer-old-password");

        // Act
        var changed = await PostChangeAsync(here, "changer-old-password", "changer-new-password", "changer-new-password", "/locality/420100");
        var hereAfter = await here.GetAsync("/", Ct);
        var elsewhereAfter = await elsewhere.GetAsync("/", Ct);
        var oldPassword = await DashboardFactory.SignInAsync(Browser(), "changer", "changer-old-password");
        var newPassword = await DashboardFactory.SignInAsync(Browser(), "changer", "changer-new-password");

        // Assert
        Assert.Equal("/locality/420100", changed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, hereAfter.StatusCode);
        Assert.StartsWith("http://localhost/account/login", elsewhereAfter.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Contains("error=failed", oldPassword.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/", newPassword.Headers.Location?.OriginalString);
        Assert.Equal(1L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'password.change' AND actor = 'user:changer' AND outcome = 'allowed'"));
    }

    [Theory]
    [InlineData("not-the-password!", "rule-new-password", "rule-new-password", "current")]
    [InlineData("rule-old-password", "rule-new-password", "rule-new-passwor", "mismatch")]
    [InlineData("rule-old-password", "short", "short", "short")]
    [InlineData("rule-old-password", "rulebreaker-long", "rulebreaker-long", "username")]
    [InlineData("rule-old-password", "rule-old-password", "rule-old-password", "same")]
    public async Task ChangePassword_BrokenRule_IsRefusedWithItsReasonAndChangesNothing(string current, string next, string repeat, string error)
    {
        // Arrange
        var userName = error == "username" ? "rulebreaker-long" : "rule" + Guid.NewGuid().ToString("N")[..8];
        var account = await Users.CreateAsync(userName, "Rules", UserAccount.ViewerRole, null, "rule-old-password", Ct);
        using var client = await factory.SignedInClientAsync(userName, "rule-old-password");

        // Act
        var refused = await PostChangeAsync(client, current, next, repeat, "/");
        var page = await client.GetStringAsync(refused.Headers.Location!.OriginalString, Ct);
        var stillSignedIn = await client.GetAsync("/", Ct);

        // Assert
        Assert.StartsWith($"/account/password?error={error}&", refused.Headers.Location.OriginalString, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"password-error\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.Equal(account.SecurityStamp, (await Users.GetAsync(account.Id, Ct))!.SecurityStamp);
    }

    [Theory]
    [InlineData("zh-CN", "密码长度为 12 至 256 个字符")]
    [InlineData("en", "A password has 12 to 256 characters")]
    public async Task PasswordPage_StatesThePolicy_InEitherLanguage(string culture, string policy)
    {
        // Arrange
        using var client = await factory.SignedInClientAsync("leader", culture: culture);

        // Act
        var page = await client.GetStringAsync("/account/password", Ct);

        // Assert
        Assert.Contains(policy, page, StringComparison.Ordinal);
        Assert.Contains("name=\"repeatPassword\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountCreatedByAdministrator_FirstSignIn_OpensOnlyThePasswordPageUntilChanged()
    {
        // Arrange
        var created = await Administration.CreateAccountAsync(s_administrator, "127.0.0.1", "newcomer", "Newcomer", UserAccount.CoordinatorRole, "420100", null, Ct);
        var generated = created.Value!.GeneratedPassword!;
        using var client = Browser();

        // Act
        var signIn = await DashboardFactory.SignInAsync(client, "newcomer", generated);
        var overview = await client.GetAsync("/", Ct);
        var submit = await client.GetAsync("/reports/submit", Ct);
        var passwordPage = await client.GetAsync("/account/password", Ct);
        var changed = await PostChangeAsync(client, generated, "newcomer-own-password", "newcomer-own-password", "/reports/submit");
        var submitAfter = await client.GetAsync("/reports/submit", Ct);

        // Assert
        Assert.Equal(16, generated.Length);
        Assert.Equal("/account/password?returnUrl=%2Flocality%2F420100", signIn.Headers.Location?.OriginalString);   // a coordinator then lands on its locality
        Assert.Equal("/account/password?returnUrl=%2F", overview.Headers.Location?.OriginalString);
        Assert.Equal("/account/password?returnUrl=%2Freports%2Fsubmit", submit.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, passwordPage.StatusCode);
        Assert.Contains("data-testid=\"must-change\"", await passwordPage.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("/reports/submit", changed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, submitAfter.StatusCode);
        Assert.Equal(0L, await factory.ScalarAsync<long>("SELECT must_change_password FROM users WHERE user_name = 'newcomer'"));
    }

    [Fact]
    public async Task ResetPassword_ByAdministrator_GivesANewPasswordToChangeAndEndsTheUsersSessions()
    {
        // Arrange
        var account = await Users.CreateAsync("forgetful", "Forgetful", UserAccount.ViewerRole, null, "forgetful-password", Ct);
        using var open = await factory.SignedInClientAsync("forgetful", "forgetful-password");

        // Act
        var reset = await Administration.ResetPasswordAsync(s_administrator, "127.0.0.1", account.Id, Ct);
        var openAfter = await open.GetAsync("/", Ct);
        var oldPassword = await DashboardFactory.SignInAsync(Browser(), "forgetful", "forgetful-password");
        var newPassword = await DashboardFactory.SignInAsync(Browser(), "forgetful", reset.Value!);

        // Assert
        Assert.Equal(AdminStatus.Done, reset.Status);
        Assert.StartsWith("http://localhost/account/login", openAfter.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Contains("error=failed", oldPassword.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/account/password?returnUrl=%2F", newPassword.Headers.Location?.OriginalString);
        Assert.Equal(1L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'account.reset-password' AND target = 'forgetful' AND outcome = 'allowed'"));
    }

    [Fact]
    public async Task DemoAccount_SignIn_IsNotAskedToChangeItsPassword()
    {
        // Act
        var signIn = await DashboardFactory.SignInAsync(Browser(), "wuhan", factory.Tokens.Passwords["wuhan"]);

        // Assert: straight to the coordinator's own locality, not the password page.
        Assert.Equal("/locality/420100", signIn.Headers.Location?.OriginalString);
    }

    private HttpClient Browser() => factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Posts the password page's form as a browser would (its antiforgery token and all).</summary>
    private static async Task<HttpResponseMessage> PostChangeAsync(HttpClient client, string current, string next, string repeat, string returnUrl)
    {
        var page = await client.GetStringAsync("/account/password", Ct);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["currentPassword"] = current,
            ["newPassword"] = next,
            ["repeatPassword"] = repeat,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value,
        });
        return await client.PostAsync("/account/password", form, Ct);
    }

    [GeneratedRegex("action=\"/account/password\"[^>]*>\\s*<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
