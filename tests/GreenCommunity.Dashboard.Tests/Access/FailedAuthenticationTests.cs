using System.Globalization;
using System.Net;
using GreenCommunity.Dashboard.Accounts;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GreenCommunity.Dashboard.Tests.Access;

/// <summary>Guessing tokens is not free: an address over its limit of invalid tokens is answered 429 before any lookup.</summary>
public sealed class FailedAuthenticationTests(AddressedFactory factory) : IClassFixture<AddressedFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InvalidTokens_OverTheLimit_Answer429WithRetryAfterEvenForAValidTokenFromThatAddress()
    {
        // Arrange
        using var guesser = factory.From("203.0.113.10", "gc_guess");
        using var sameAddressValid = factory.From("203.0.113.10", factory.Tokens.Province);
        using var elsewhereValid = factory.From("198.51.100.10", factory.Tokens.Province);

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= AddressedFactory.FailedAuthenticationsPerMinute; i++)
        {
            statuses.Add((await guesser.GetAsync("/api/v1/summary", Ct)).StatusCode);
        }
        var limited = await guesser.GetAsync("/api/v1/summary", Ct);
        var validFromThere = await sameAddressValid.GetAsync("/api/v1/summary", Ct);
        var validFromElsewhere = await elsewhereValid.GetAsync("/api/v1/summary", Ct);

        // Assert
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, AddressedFactory.FailedAuthenticationsPerMinute).Append((HttpStatusCode)429), statuses);
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal((HttpStatusCode)429, validFromThere.StatusCode);   // no lookup at all while the address is over
        Assert.Equal(HttpStatusCode.OK, validFromElsewhere.StatusCode);
    }

    [Fact]
    public async Task HubAndDisplayLinks_InvalidTokens_CountAndAreLimitedToo()
    {
        // Arrange
        using var guesser = factory.From("203.0.113.11");
        var statuses = new List<HttpStatusCode>();

        // Act: the hub's negotiation (token in the query, as browsers send it) and display links share the allowance.
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await guesser.PostAsync("/hubs/progress/negotiate?negotiateVersion=1&access_token=gc_guess" + i, null, Ct)).StatusCode);
        }
        for (var i = 0; i < 2; i++)
        {
            statuses.Add((await guesser.GetAsync("/display/gcd_guess" + i, Ct)).StatusCode);
        }
        var hub = await guesser.PostAsync($"/hubs/progress/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(factory.Tokens.Province)}", null, Ct);
        var display = await guesser.GetAsync($"/display/{factory.Tokens.Display}", Ct);

        // Assert
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Redirect, HttpStatusCode.Redirect], statuses);
        Assert.Equal((HttpStatusCode)429, hub.StatusCode);
        Assert.True(hub.Headers.Contains("Retry-After"));
        Assert.Equal((HttpStatusCode)429, display.StatusCode);
        Assert.True(display.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Limiter_WindowEnds_TheAddressMayTryAgain()
    {
        // Arrange
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        var limiter = new FailedAuthenticationLimiter(clock, Options.Create(new FailedAuthenticationOptions { FailedAuthenticationsPerMinute = 2 }));

        // Act
        await limiter.RecordFailureAsync("192.0.2.1", TestContext.Current.CancellationToken);
        var underTheLimit = limiter.RetryAfter("192.0.2.1");
        clock.Advance(TimeSpan.FromSeconds(20));
        await limiter.RecordFailureAsync("192.0.2.1", TestContext.Current.CancellationToken);
        var atTheLimit = limiter.RetryAfter("192.0.2.1");
        var otherAddress = limiter.RetryAfter("192.0.2.2");
        clock.Advance(TimeSpan.FromSeconds(40));
        var windowOver = limiter.RetryAfter("192.0.2.1");

        // Assert
        Assert.Null(underTheLimit);
        Assert.Equal(TimeSpan.FromSeconds(40), atTheLimit);
        Assert.Null(otherAddress);
        Assert.Null(windowOver);
    }
}
