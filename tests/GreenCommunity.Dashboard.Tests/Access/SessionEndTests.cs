using System.Reflection;
using System.Security.Claims;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GreenCommunity.Dashboard.Tests.Access;

/// <summary>Revoking a token, disabling an account or changing a password ends the open pages on it within 30 s.</summary>
public sealed class SessionEndTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Pages anyone may see: the error page and the not-found page show nothing of the store.</summary>
    private static readonly string[] s_openToAll = ["Error", "NotFound"];

    [Fact]
    public void RoutablePages_EachSaysWhoMayOpenIt()
    {
        // Arrange: the router re-checks an open page only against the page's own attribute; the fallback policy
        // covers the first request, not a circuit whose user was signed out.
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any() && !s_openToAll.Contains(t.Name))
            .ToList();

        // Act
        var unguarded = pages.Where(p => !p.IsDefined(typeof(AuthorizeAttribute), inherit: true) && !p.IsDefined(typeof(AllowAnonymousAttribute), inherit: true))
            .Select(p => p.Name);

        // Assert
        Assert.Contains(pages, p => p.Name == "Overview");
        Assert.Empty(unguarded);
    }

    [Theory]
    [InlineData("revoke")]
    [InlineData("disable")]
    [InlineData("password")]
    public async Task OpenPage_CredentialGone_ItsUserIsAnonymousAfterTheNextSweep(string change)
    {
        // Arrange
        var (principal, end) = await SessionAsync(change);
        using var provider = new SessionAuthenticationStateProvider(factory.Services.GetRequiredService<OpenSessions>());
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        var changed = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.AuthenticationStateChanged += async state => changed.TrySetResult(await state);
        var sweeper = factory.Services.GetServices<IHostedService>().OfType<SessionSweeper>().Single();

        // Act
        await sweeper.SweepAsync(Ct);
        var beforeTheChange = (await provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated;
        await end();
        await sweeper.SweepAsync(Ct);
        var after = await changed.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // Assert
        Assert.True(beforeTheChange);
        Assert.False(after.User.Identity?.IsAuthenticated);
        Assert.False((await provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task Sweeper_OnItsClock_EndsOnlyTheSessionsWhoseCredentialIsGoneEveryInterval()
    {
        // Arrange
        var tokens = factory.Services.GetRequiredService<ApiTokenStore>();
        var (revoked, _) = await tokens.IssueAsync("sweep revoked", "420100", Ct);
        var (live, _) = await tokens.IssueAsync("sweep live", "420100", Ct);
        await tokens.RevokeAsync(revoked.Id, Ct);
        var leader = await factory.ScalarAsync<long>("SELECT id FROM users WHERE user_name = 'leader'");
        var stamp = await factory.ScalarAsync<string>("SELECT security_stamp FROM users WHERE id = @leader", new { leader });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sessions = new OpenSessions();
        using var sweeper = new SessionSweeper(sessions, factory.Services.GetRequiredService<CredentialQueries>(), clock, NullLogger<SessionSweeper>.Instance);
        var ended = new System.Collections.Concurrent.ConcurrentBag<string>();
        sessions.Track(new SessionCredential(revoked.Id, null, null), () => ended.Add("revoked token"));
        sessions.Track(new SessionCredential(live.Id, null, null), () => ended.Add("live token"));
        sessions.Track(new SessionCredential(null, leader, "an-old-stamp"), () => ended.Add("old stamp"));
        sessions.Track(new SessionCredential(null, leader, stamp), () => ended.Add("current stamp"));
        await sweeper.StartAsync(Ct);

        // Act
        clock.Advance(SessionSweeper.Interval - TimeSpan.FromSeconds(1));
        var beforeTheInterval = ended.Count;
        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => sessions.Count == 2);
        await sweeper.StopAsync(Ct);

        // Assert
        Assert.Equal(0, beforeTheInterval);
        Assert.Equal(["old stamp", "revoked token"], ended.Order(StringComparer.Ordinal));
        Assert.True(SessionSweeper.Interval <= TimeSpan.FromSeconds(15), "a session ends within two intervals: 30 s");
    }

    /// <summary>A signed-in principal on a fresh credential, and how to take that credential away.</summary>
    private async Task<(ClaimsPrincipal Principal, Func<Task> End)> SessionAsync(string change)
    {
        var users = factory.Services.GetRequiredService<UserStore>();
        if (change == "revoke")
        {
            var tokens = factory.Services.GetRequiredService<ApiTokenStore>();
            var (display, _) = await tokens.IssueAsync("screen " + Guid.NewGuid().ToString("N")[..8], ApiToken.DisplayScope, ApiToken.DisplayKind, Ct);
            var principal = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Role, DashboardRoles.Display), new Claim(DashboardClaims.DisplayTokenId, display.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], "test"));
            return (principal, () => tokens.RevokeAsync(display.Id, Ct));
        }
        var account = await users.CreateAsync("s" + Guid.NewGuid().ToString("N")[..8], "Session", UserAccount.ViewerRole, null, "session-password", Ct);
        return (UserPrincipal.For(account), change == "disable"
            ? () => users.SetDisabledAsync(account.Id, true, Ct)
            : () => users.ChangePasswordAsync(account.Id, "session-password", "session-password-2", Ct));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
