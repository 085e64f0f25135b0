using System.Net;
using GreenCommunity.Dashboard.Tests.Shared;

namespace GreenCommunity.Dashboard.Tests.Api;

/// <summary>A locality that does not exist answers the not-found page with status 404 in the page's language and a way back, not a 200.</summary>
public sealed class DeadEndTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/locality/999999")]
    [InlineData("/locality/420100000000")]
    public async Task Get_AddressLeadingNowhere_Answers404WithTheNotFoundPage(string address)
    {
        // Arrange
        using var client = await factory.SignedInClientAsync("leader");

        // Act
        var response = await client.GetAsync(address, Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"back-to-overview\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AKnownLocality_Answers200()
    {
        // Arrange
        using var client = await factory.SignedInClientAsync("leader");

        // Act
        var response = await client.GetAsync("/locality/420100", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
