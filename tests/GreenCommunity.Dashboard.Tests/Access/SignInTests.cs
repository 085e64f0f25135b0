using System.Net;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GreenCommunity.Dashboard.Tests.Access;

public sealed class SignInTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/")]
    [InlineData("/reports/submit")]
    [InlineData("/admin/audit")]
    [InlineData("/reports/template.xlsx?locality=420100")]
    public async Task Get_Anonymous_GoesToTheSignInPage(string url)
    {
        // Arrange
        using var client = Browser();

        // Act
        var response = await client.GetAsync(url, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login?ReturnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_Anonymous_IsChineseWithSecurityHeaders()
    {
        // Arrange
        using var client = Browser();

        // Act
        var response = await client.GetAsync("/account/login", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名", html, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);   // nothing inline for the policy to block
    }

    [Fact]
    public async Task SignIn_RightPassword_OpensTheOverviewAndIsAudited()
    {
        // Arrange
        using var client = Browser();

        // Act
        var response = await DashboardFactory.SignInAsync(client, "leader", factory.Tokens.Passwords["leader"]);
        var overview = await client.GetAsync("/", Ct);

        // Assert
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("gc.session=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.True(await factory.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'sign-in' AND actor = 'user:leader' AND outcome = 'allowed'") >= 1);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksThisAddressOutEvenForTheRightOneAndSaysOnlyFailed()
    {
        // Arrange
        await factory.Services.GetRequiredService<UserStore>().CreateAsync("locktest", "Lock test", "viewer", null, "correct-horse-battery", Ct);
        using var client = Browser();

        // Act
        var attempts = new List<string?>();
        for (var i = 0; i < UserStore.MaxFailedSignIns; i++)
        {
            attempts.Add((await DashboardFactory.SignInAsync(client, "locktest", "wrong-password-" + i)).Headers.Location?.OriginalString);
        }
        var right = await DashboardFactory.SignInAsync(client, "locktest", "correct-horse-battery");

        // Assert: the page says "failed" every time (no oracle); the audit and the log keep the true reason.
        Assert.All(attempts, a => Assert.Contains("error=failed", a, StringComparison.Ordinal));
        Assert.Contains("error=failed", right.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(right.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("gc.session=", StringComparison.Ordinal));
        Assert.Equal(UserStore.MaxFailedSignIns + 1L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'sign-in' AND actor = 'user:locktest' AND outcome = 'refused'"));
        Assert.Equal(2L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'sign-in' AND actor = 'user:locktest' AND detail = 'LockedOut'"));
        var logged = factory.Logs.GetSnapshot().Where(r => r.Category == typeof(AuditRecorder).FullName && r.Message.Contains("locktest", StringComparison.Ordinal)).ToList();
        Assert.Equal(UserStore.MaxFailedSignIns - 1, logged.Count(r => r.Id.Name == "SignInFailed" && r.Level == LogLevel.Warning));
        Assert.Equal(2, logged.Count(r => r.Id.Name == "SignInLockedOut"));   // the fifth wrong password and the right one after it
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRejected()
    {
        // Arrange
        using var client = Browser();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "admin", ["password"] = factory.Tokens.Passwords["admin"] });

        // Act
        var response = await client.PostAsync("/account/login", form, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("leader", "/reports/submit")]
    [InlineData("leader", "/admin/accounts")]
    [InlineData("wuhan", "/admin/tokens")]
    [InlineData("wuhan", "/admin/audit")]
    public async Task Page_RoleNotAllowed_IsDenied(string user, string url)
    {
        // Arrange
        using var client = await factory.SignedInClientAsync(user);

        // Act
        var response = await client.GetAsync(url, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", "/admin/audit")]
    [InlineData("admin", "/reports/submit")]
    [InlineData("wuhan", "/reports/submit")]
    [InlineData("leader", "/")]
    public async Task Page_RoleAllowed_Opens(string user, string url)
    {
        // Arrange
        using var client = await factory.SignedInClientAsync(user);

        // Act
        var response = await client.GetAsync(url, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DisplayToken_OpensTheOverviewOnlyAndStopsWhenRevoked()
    {
        // Arrange
        var store = factory.Services.GetRequiredService<ApiTokenStore>();
        var (token, secret) = await store.IssueAsync("test screen", ApiToken.DisplayScope, ApiToken.DisplayKind, Ct);
        using var client = Browser();

        // Act
        var signIn = await client.GetAsync($"/display/{secret}", Ct);
        var overview = await client.GetAsync("/", Ct);
        var submit = await client.GetAsync("/reports/submit", Ct);
        var admin = await client.GetAsync("/admin/accounts", Ct);
        await store.RevokeAsync(token.Id, Ct);
        var afterRevoke = await client.GetAsync("/", Ct);
        var apiWithDisplayToken = await factory.CreateClient(secret).GetAsync("/api/v1/summary", Ct);

        // Assert
        Assert.Equal("/display", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.StartsWith("http://localhost/account/denied", submit.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/account/denied", admin.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/account/login", afterRevoke.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, apiWithDisplayToken.StatusCode);   // a display token is not an API token
    }

    [Fact]
    public async Task DisabledAccount_OpenSessionEndsAtTheNextRequest()
    {
        // Arrange
        var users = factory.Services.GetRequiredService<UserStore>();
        var account = await users.CreateAsync("todisable", "To disable", "viewer", null, "a-long-enough-password", Ct);
        using var client = await factory.SignedInClientAsync("todisable", "a-long-enough-password");
        var before = await client.GetAsync("/", Ct);

        // Act
        await users.SetDisabledAsync(account.Id, disabled: true, Ct);
        var after = await client.GetAsync("/", Ct);
        var again = await DashboardFactory.SignInAsync(Browser(), "todisable", "a-long-enough-password");

        // Assert
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.StartsWith("http://localhost/account/login", after.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("error=disabled", again.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAdministrator_FromStandardInput_NeedsALongPassword()
    {
        // Act
        var tooShort = await Admin.AdministrationExtensions.CreateAdministratorAsync(factory.Services, "firstadmin", new StringReader("short\n"));
        var created = await Admin.AdministrationExtensions.CreateAdministratorAsync(factory.Services, "firstadmin", new StringReader("a-very-long-password\n"));

        // Assert
        Assert.Equal(2, tooShort);
        Assert.Equal(0, created);
        Assert.Equal("admin", await factory.ScalarAsync<string>("SELECT role FROM users WHERE user_name = 'firstadmin'"));
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardFactory.SignInAsync(Browser(), "firstadmin", "a-very-long-password")).StatusCode);
    }
}
