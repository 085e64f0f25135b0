using System.Net;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GreenCommunity.Dashboard.Tests.Api;

/// <summary>An address that leads nowhere answers the not-found page with status 404 in the page's language and a way back (an API path: a JSON problem).</summary>
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

    [Theory]
    [InlineData("leader", null, "页面不存在")]
    [InlineData("leader", "en", "Page not found")]
    [InlineData(null, null, "页面不存在")]
    [InlineData(null, "en", "Page not found")]
    public async Task Get_UnknownAddress_Answers404WithTheNotFoundPageInThePagesLanguage(string? user, string? culture, string title)
    {
        // Arrange
        using var client = user is null ? Anonymous() : await factory.SignedInClientAsync(user);
        var query = culture is null ? "" : $"?culture={culture}";

        // Act
        var response = await client.GetAsync("/no-such-page" + query, Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(title, page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"back-to-overview\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Get_UnknownApiPath_Answers404ProblemJson(bool withToken)
    {
        // Arrange
        using var client = withToken ? factory.CreateClient(factory.Tokens.Province) : Anonymous();

        // Act
        var response = await client.GetAsync("/api/v1/no-such-thing", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":404", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AProtectedAddressAnonymously_StillGoesToTheSignInPage()
    {
        // Arrange
        using var client = Anonymous();

        // Act
        var page = await client.GetAsync("/locality/420100", Ct);
        var template = await client.GetAsync("/reports/template.xlsx?locality=420100", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, template.StatusCode);
        Assert.StartsWith("http://localhost/account/login", template.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/no-such-page", "text/plain", HttpStatusCode.MethodNotAllowed)]   // the pages' catch-all route takes GET only
    [InlineData("/account/logout", "text/plain", HttpStatusCode.BadRequest)]
    [InlineData("/account/logout", "multipart/form-data; boundary=x", HttpStatusCode.BadRequest)]   // not a form at all
    public async Task Post_NowhereOrWithoutAntiforgery_AnswersItsStatusNotA500(string address, string contentType, HttpStatusCode expected)
    {
        // Arrange
        using var client = await factory.SignedInClientAsync("leader");
        using var body = new StringContent("""{"locality":"420100"}""");
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        // Act
        var response = await client.PostAsync(address, body, Ct);

        // Assert
        Assert.Equal(expected, response.StatusCode);
    }

    private HttpClient Anonymous() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
