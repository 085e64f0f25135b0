using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GreenCommunity.Dashboard.Tests.Components;

/// <summary>Every stylesheet a page links is served, the components' scoped styles (their .razor.css bundle) among them.</summary>
public sealed partial class StylesheetTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, "/account/login")]
    [InlineData("leader", "/")]
    [InlineData("leader", "/locality/420100")]
    [InlineData("admin", "/reports/submit")]
    public async Task GetPage_EveryStylesheetLinked_Answers200AsCss(string? user, string path)
    {
        // Arrange
        using var client = user is null
            ? factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            : await factory.SignedInClientAsync(user);
        var page = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync(Ct));
        var root = new Uri(client.BaseAddress!, document.QuerySelector("base")?.GetAttribute("href") ?? path);   // <base href="/">
        var links = document.QuerySelectorAll("link[rel~='stylesheet']").Select(link => link.GetAttribute("href") ?? "").ToList();

        // Act
        var answers = new List<(string Href, HttpStatusCode Status, string? MediaType)>();
        foreach (var href in links)
        {
            using var response = await client.GetAsync(new Uri(root, href), Ct);
            answers.Add((href, response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        }

        // Assert
        Assert.Contains(links, href => ScopedBundle().IsMatch(href));
        Assert.All(answers, answer => Assert.Equal((answer.Href, HttpStatusCode.OK, "text/css"), answer));
    }

    /// <summary>The bundle of the components' .razor.css files, fingerprinted or not.</summary>
    [GeneratedRegex(@"^GreenCommunity\.Dashboard\.([a-z0-9]+\.)?styles\.css$")]
    private static partial Regex ScopedBundle();
}
