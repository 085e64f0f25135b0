using System.Net;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GreenCommunity.Dashboard.Tests.Access;

/// <summary>The demo with tight limits: 3 sign-ins and 5 API requests a minute.</summary>
public sealed class TightLimitsFactory : DashboardFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Demo:Enabled"] = "true",
        ["Demo:LiveFeedSeconds"] = "0",
        ["RateLimits:SignInPerMinute"] = "3",
        ["RateLimits:ApiPerMinute"] = "5",
    };
}

public sealed class RateLimitTests(TightLimitsFactory factory) : IClassFixture<TightLimitsFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_OverTheLimit_Answers429WithRetryAfter()
    {
        // Arrange
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();

        // Act
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await DashboardFactory.SignInAsync(client, "leader", "wrong-password-" + i)).StatusCode);
        }
        var limited = await DashboardFactory.SignInAsync(client, "leader", "wrong-password-x");

        // Assert
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, (HttpStatusCode)429], statuses);
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    [Fact]
    public async Task Api_OverTheLimit_Answers429WithRetryAfterPerToken()
    {
        // Arrange
        using var wuhan = factory.CreateClient(factory.Tokens.Localities["420100"]);
        using var yichang = factory.CreateClient(factory.Tokens.Localities["420500"]);

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await wuhan.GetAsync("/api/v1/reports?pageSize=1", Ct)).StatusCode);
        }
        var limited = await wuhan.GetAsync("/api/v1/summary", Ct);
        var other = await yichang.GetAsync("/api/v1/summary", Ct);

        // Assert
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal((HttpStatusCode)429, statuses[^1]);
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);   // each token has its own allowance
    }
}
