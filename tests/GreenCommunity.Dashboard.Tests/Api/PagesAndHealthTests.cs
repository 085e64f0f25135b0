using System.Net;
using System.Text.RegularExpressions;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GreenCommunity.Dashboard.Tests.Api;

public sealed partial class PagesAndHealthTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task GetRoot_NoLanguageChosen_AnswersInChineseWithAllLocalities()
    {
        // Arrange
        using var client = await factory.SignedInClientAsync("leader");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");   // the browser's language does not decide

        // Act
        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("全省创建进度", html, StringComparison.Ordinal);
        Assert.Contains("武汉市", html, StringComparison.Ordinal);
        Assert.Contains("神农架林区", html, StringComparison.Ordinal);
        Assert.Equal(17, LocalityCells().Count(html));
    }

    [Fact]
    public async Task GetRoot_EnglishChosen_AnswersInEnglishWithPinyinNames()
    {
        // Arrange
        using var client = await factory.SignedInClientAsync("leader");

        // Act
        var response = await client.GetAsync("/?culture=en", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert: the choice is kept in the cookie, so the interactive circuit stays in English too.
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains("c%3Den%7Cuic%3Den", StringComparison.Ordinal));
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Province progress", html, StringComparison.Ordinal);
        Assert.Contains("Wuhan", html, StringComparison.Ordinal);
        Assert.DoesNotContain("全省创建进度", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHealthz_DatabaseReachable_Answers200()
    {
        // Arrange
        using var client = factory.CreateClient();

        // Act
        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/not-found", "/not-found")]
    [InlineData("//evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    public async Task SetCulture_English_SetsCookieAndRedirectsOnlyLocally(string redirectUri, string expected)
    {
        // Arrange
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Act
        var response = await client.GetAsync($"/culture/set?culture=en&redirectUri={Uri.EscapeDataString(redirectUri)}", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains("c%3Den%7Cuic%3Den", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SetCulture_Unsupported_Answers400()
    {
        // Arrange
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Act
        var response = await client.GetAsync("/culture/set?culture=fr", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Template_Locality_ListsAllItsCommunities()
    {
        // Arrange
        using var client = await factory.SignedInClientAsync("wuhan");

        // Act
        var response = await client.GetAsync("/reports/template.xlsx?locality=420100", TestContext.Current.CancellationToken);
        var unknown = await client.GetAsync("/reports/template.xlsx?locality=999999", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, TestContext.Current.CancellationToken);
        buffer.Position = 0;
        var rows = MiniExcelLibs.MiniExcel.Query(buffer, useHeaderRow: true, sheetName: GreenCommunity.Dashboard.Intake.ReportWorkbook.UpdatesSheet).Count();
        Assert.Equal(1531, rows);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [GeneratedRegex("<td[^>]*data-code=\"4[0-9]{5}\"")]
    private static partial Regex LocalityCells();
}
