using System.Globalization;
using Bunit;
using GreenCommunity.Dashboard.Components.Controls.Map;
using GreenCommunity.Dashboard.Components.Pages;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Tests.Shared;

namespace GreenCommunity.Dashboard.Tests.Components;

/// <summary>
/// A live update renders in the page's language, not the sender's: an API request is Chinese by default, the demo
/// feed runs in the server's culture. Reports are sent from a thread in the other language.
/// </summary>
public sealed class LiveCultureTests(DashboardFactory factory) : DashboardTestContext(factory, DashboardCultures.English), IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task Report_SentInChinese_EnglishPageStaysEnglish()
    {
        // Arrange
        var cut = Render<Overview>();
        cut.WaitForElement("tr.locality-row");
        var outlines = cut.FindComponent<MapOutlines>();
        var communities = await Factory.TakeNotStartedAsync("420500", 1);

        // Act: the report arrives from a flow whose culture is Chinese, as an API request's is.
        var result = await Task.Run(async () =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(DashboardCultures.Chinese);
            return await LiveReports.StartAsync(Factory, "420500", communities, ReportBodies.Today);
        }, Xunit.TestContext.Current.CancellationToken);

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(result.Report!.ReportId, cut.Find(".feed-item").GetAttribute("data-report-id")));
        Assert.Equal("Province progress", cut.Find("h1").TextContent.Trim());
        Assert.Equal("Yichang", cut.Find("td[data-code='420500'] .locality-name").TextContent);
        Assert.Contains("Yichang", cut.Find(".feed-item .feed-locality").TextContent, StringComparison.Ordinal);
        Assert.Contains("Distance to the target (60% accepted", cut.Find("[data-testid='map-legend']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("全省创建进度", cut.Markup, StringComparison.Ordinal);
        // The map's outlines were drawn once; the update changed the fills only.
        Assert.Equal(1, outlines.RenderCount);
        Assert.Contains("highlight", cut.Find("use[data-code='420500']").GetAttribute("class"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_SentInEnglish_ChinesePageStaysChinese()
    {
        // Arrange: this page is Chinese; the report comes from a flow in the server's (English) culture, as the demo feed's does.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(DashboardCultures.Chinese);
        var cut = Render<Overview>();
        cut.WaitForElement("tr.locality-row");
        var communities = await Factory.TakeNotStartedAsync("420600", 1);

        // Act
        var result = await Task.Run(async () =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-US");
            return await LiveReports.StartAsync(Factory, "420600", communities, ReportBodies.Today);
        }, Xunit.TestContext.Current.CancellationToken);

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(result.Report!.ReportId, cut.Find(".feed-item").GetAttribute("data-report-id")));
        Assert.Equal("全省创建进度", cut.Find("h1").TextContent.Trim());
        Assert.Equal("襄阳市", cut.Find("td[data-code='420600'] .locality-name").TextContent);
        Assert.Contains("襄阳市", cut.Find(".feed-item .feed-locality").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Province progress", cut.Markup, StringComparison.Ordinal);
    }
}
