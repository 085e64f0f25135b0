using System.Net;
using GreenCommunity.Dashboard.Tests.Shared;

namespace GreenCommunity.Dashboard.Tests.Records;

/// <summary>The community and report pages over HTTP: an unknown code or id is the not-found page; a known one opens for any signed-in person.</summary>
public sealed class RecordPagesTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/community/420102999999")]
    [InlineData("/community/not-a-code")]
    [InlineData("/community/%E4%BF%9D%E6%88%90")]
    [InlineData("/reports/no-such-report")]
    [InlineData("/reports/%20")]
    public async Task Get_UnknownCommunityOrReport_Answers404WithTheNotFoundPage(string address)
    {
        // Arrange
        using var client = await factory.SignedInClientAsync("leader");

        // Act
        var response = await client.GetAsync(address, Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("leader", "")]
    [InlineData("wuhan", "?asOf=2022-06-30")]
    [InlineData("yichang", "?asOf=garbage")]
    [InlineData("admin", "?asOf=2020-01-01")]
    public async Task Get_AKnownCommunity_AnswersItsPageToAnySignedInPerson(string user, string query)
    {
        // Arrange
        using var client = await factory.SignedInClientAsync(user);

        // Act
        var response = await client.GetAsync("/community/420102002003" + query, Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("保成社区", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AStoredReport_AnswersItsPage()
    {
        // Arrange
        using var client = await factory.SignedInClientAsync("yichang");
        var reportId = await factory.ScalarAsync<string>("SELECT report_id FROM reports ORDER BY id DESC LIMIT 1");

        // Act
        var response = await client.GetAsync($"/reports/{Uri.EscapeDataString(reportId)}", Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"data-report-id=\"{reportId}\"", page, StringComparison.Ordinal);
    }
}
