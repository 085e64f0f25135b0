using System.Text.RegularExpressions;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GreenCommunity.Dashboard.Tests.Compliance;

public sealed partial class SignInLandingTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData("wuhan", null, "/locality/420100")]          // a coordinator with nowhere in particular: its own locality
    [InlineData("wuhan", "/", "/locality/420100")]           // "/" is what the form sends when no page sent them
    [InlineData("yichang", "/", "/locality/420500")]
    [InlineData("wuhan", "/compliance", "/compliance")]      // an explicit place is kept
    [InlineData("wuhan", "/?asOf=2022-06-30", "/?asOf=2022-06-30")]
    [InlineData("admin", "/", "/")]                          // administrators and viewers land where they did
    [InlineData("leader", "/", "/")]
    [InlineData("leader", "/compliance", "/compliance")]
    public async Task SignIn_Lands_CoordinatorOnOwnLocalityUnlessSentElsewhere(string user, string? returnUrl, string expected)
    {
        // Arrange
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken);
        var fields = new Dictionary<string, string>
        {
            ["userName"] = user,
            ["password"] = factory.Tokens.Passwords[user],
            ["__RequestVerificationToken"] = TokenField().Match(page).Groups[1].Value,
        };
        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }
        using var form = new FormUrlEncodedContent(fields);

        // Act
        var response = await client.PostAsync("/account/login", form, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
