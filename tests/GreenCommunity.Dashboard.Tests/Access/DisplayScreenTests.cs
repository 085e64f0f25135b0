using System.Net;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GreenCommunity.Dashboard.Tests.Access;

/// <summary>What the README promises a display screen: the overview and each locality's page, read-only, nothing else.</summary>
public sealed class DisplayScreenTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/locality/420100", HttpStatusCode.OK)]
    [InlineData("/locality/420500?asOf=2022-06-30", HttpStatusCode.OK)]
    [InlineData("/reports/submit", HttpStatusCode.Redirect)]
    [InlineData("/reports/template.xlsx?locality=420100", HttpStatusCode.Redirect)]
    [InlineData("/admin/audit", HttpStatusCode.Redirect)]
    public async Task DisplaySession_OpensTheOverviewAndEachLocalityAndNothingElse(string address, HttpStatusCode expected)
    {
        // Arrange
        using var screen = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await screen.GetAsync($"/display/{factory.Tokens.Display}", Ct);

        // Act
        var response = await screen.GetAsync(address, Ct);

        // Assert
        Assert.Equal("/display", signIn.Headers.Location?.OriginalString);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("http://localhost/account/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }
}
