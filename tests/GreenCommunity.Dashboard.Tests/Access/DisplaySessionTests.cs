using System.Net;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Access;

/// <summary>
/// A meeting-room screen's session: its link keeps the screen's settings, it outlives a person's 8 hours (a TV makes no
/// requests but its hourly ping), and revoking its token ends it.
/// </summary>
public sealed class DisplaySessionTests(CookieClockFactory factory) : IClassFixture<CookieClockFactory>
{
    private const string SessionPing = "/display/session";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("", "/display")]
    [InlineData("?panels=map,ranking&rotate=20&focus=420100&replay=2021-06..2022-12&speed=30",
        "/display?panels=map,ranking&rotate=20&focus=420100&replay=2021-06..2022-12&speed=30")]
    [InlineData("?culture=en&panels=map", "/display?culture=en&panels=map")]
    [InlineData("?next=//evil.example", "/display?next=//evil.example")]
    [InlineData("?%2F%2Fevil.example/%5C", "/display?%2F%2Fevil.example/%5C")]
    public async Task DisplayLink_WithAQuery_LandsOnThisSitesDisplayWithTheSameQuery(string query, string expected)
    {
        // Arrange
        using var screen = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Act
        var response = await screen.GetAsync($"/display/{factory.Tokens.Display}{query}", Ct);

        // Assert: the query stays a query of this site's /display, never a host of its own.
        var location = response.Headers.Location?.OriginalString;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, location);
        Assert.False(response.Headers.Location!.IsAbsoluteUri);
    }

    [Fact]
    public async Task SignIn_DisplayLink_PersistentCookieForThirtyDays_APersonsCookieEndsWithTheBrowser()
    {
        // Arrange
        using var screen = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var person = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Act
        var display = await screen.GetAsync($"/display/{factory.Tokens.Display}", Ct);
        var signIn = await DashboardFactory.SignInAsync(person, "leader", factory.Tokens.Passwords["leader"]);

        // Assert
        var displayExpires = CookieExpiry(display);
        Assert.NotNull(displayExpires);
        Assert.InRange(displayExpires.Value - factory.CookieClock.GetUtcNow(), TimeSpan.FromDays(29), TimeSpan.FromDays(31));
        Assert.Null(CookieExpiry(signIn));
    }

    [Fact]
    public async Task Sessions_NineHoursWithoutARequest_TheDisplaysStillHoldsAPersonsHasEnded()
    {
        // Arrange
        using var screen = await DisplayClientAsync(factory.Tokens.Display);
        using var person = await factory.SignedInClientAsync("leader");
        var before = (await screen.GetAsync(SessionPing, Ct)).StatusCode;
        var personBefore = (await person.GetAsync(SessionPing, Ct)).StatusCode;

        // Act
        factory.CookieClock.Advance(TimeSpan.FromHours(9));
        var displayAfter = await screen.GetAsync(SessionPing, Ct);
        var personAfter = await person.GetAsync(SessionPing, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, before);
        Assert.Equal(HttpStatusCode.NoContent, personBefore);
        Assert.Equal(HttpStatusCode.NoContent, displayAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, personAfter.StatusCode);   // an endpoint, not a page: no redirect to sign in
    }

    [Fact]
    public async Task SessionPing_EveryFewDaysForFortyDays_KeepsTheDisplaySessionBeyondItsThirtyDays()
    {
        // Arrange
        using var screen = await DisplayClientAsync(factory.Tokens.Display);
        var statuses = new List<HttpStatusCode>();

        // Act: a ping every 10 days (a screen pings every hour); the sliding cookie is renewed past its half-life.
        for (var day = 10; day <= 40; day += 10)
        {
            factory.CookieClock.Advance(TimeSpan.FromDays(10));
            statuses.Add((await screen.GetAsync(SessionPing, Ct)).StatusCode);
        }

        // Assert
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.NoContent, 4), statuses);
    }

    [Fact]
    public async Task SessionPing_DisplaySession_NoContentNeverCached_OnceRevokedUnauthorized()
    {
        // Arrange
        var tokens = factory.Services.GetRequiredService<ApiTokenStore>();
        var (token, secret) = await tokens.IssueAsync("ping screen", ApiToken.DisplayScope, ApiToken.DisplayKind, Ct);
        using var screen = await DisplayClientAsync(secret);
        using var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Act
        var live = await screen.GetAsync(SessionPing, Ct);
        await tokens.RevokeAsync(token.Id, Ct);
        var revoked = await screen.GetAsync(SessionPing, Ct);
        var nobody = await anonymous.GetAsync(SessionPing, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, live.StatusCode);
        Assert.True(live.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
    }

    private async Task<HttpClient> DisplayClientAsync(string secret)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await client.GetAsync($"/display/{secret}", Ct);
        Assert.Equal("/display", signIn.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>When the response's session cookie expires, or null for a cookie that ends with the browser.</summary>
    private static DateTimeOffset? CookieExpiry(HttpResponseMessage response)
    {
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gc.session=", StringComparison.Ordinal));
        var header = Microsoft.Net.Http.Headers.SetCookieHeaderValue.Parse(cookie);
        return header.Expires;
    }
}
