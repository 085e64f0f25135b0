using Bunit;
using GreenCommunity.Dashboard.Components.Pages.Reports;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Components;

public sealed class ReportPageTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task Render_ALateReport_SaysHowLate()
    {
        // Arrange: March 2022's monthly report, due 2022-03-25, received today
        var story = await CommunityStory.TellAsync(Factory);
        var stored = (await Factory.Services.GetRequiredService<ReportQueries>().GetAsync(story.March, Xunit.TestContext.Current.CancellationToken))!.Report;
        var days = GreenCommunity.Domain.Reporting.ReportingCompliance.DaysLate(stored.Deadline, stored.ReceivedAt);

        // Act
        var cut = RenderPage(story.March);

        // Assert
        Assert.False(stored.OnTime);
        Assert.Equal($"迟报{days:N0}天", cut.Find("[data-testid='report-facts'] [data-testid='timeliness']").TextContent.Trim());
        Assert.Contains("2022-03-25", cut.Find("[data-testid='report-facts']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_AReport_ShowsItsSenderNarrativeAndEachUpdateReadableLinkingItsCommunity()
    {
        // Arrange
        var story = await CommunityStory.TellAsync(Factory);
        var name = await Factory.ScalarAsync<string>("SELECT name FROM communities WHERE code = @Code", new { story.Code });

        // Act
        var cut = RenderPage(story.May);

        // Assert
        Assert.Equal("武汉市 · 月报 · 2022-05", cut.Find("h1").TextContent);
        Assert.Equal("武汉市住房和城乡建设局", cut.Find("[data-testid='submitted-by']").TextContent);
        Assert.Equal("第一行\n第二行", cut.Find("[data-testid='narrative']").TextContent);
        Assert.Equal("1", cut.Find("[data-testid='applied']").TextContent);
        var update = cut.Find($"li.update[data-community='{story.Code}']");
        var link = update.QuerySelector("a.update-community")!;
        Assert.Equal((RecordLinks.Community(story.Code), name), (link.GetAttribute("href"), link.TextContent));
        Assert.Equal("in_progress", update.QuerySelector(".stage-badge")!.GetAttribute("data-stage"));
        Assert.Contains("2022-05-10", update.TextContent, StringComparison.Ordinal);
        Assert.Equal(["1", "2", "12"], update.QuerySelectorAll(".update-criteria li").Select(li => li.GetAttribute("data-criterion")));
        Assert.Contains("35%", update.QuerySelector(".update-criteria li[data-criterion='12']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/locality/420100", cut.Find("[data-testid='back-to-locality']").GetAttribute("href"));
        Assert.Equal("/locality/420100/communities", cut.Find("[data-testid='back-to-list']").GetAttribute("href"));
    }

    [Fact]
    public async Task Render_AReportOfMoreThanAPage_ShowsAPageThenTheRestOnRequest()
    {
        // Arrange: a locality starts more communities at once than one page shows
        var communities = await Factory.TakeNotStartedAsync("420500", 130);
        var result = await LiveReports.StartAsync(Factory, "420500", communities, ReportBodies.Today);

        // Act
        var cut = RenderPage(result.Report!.ReportId);
        var first = cut.FindAll("li.update").Count;
        cut.Find("[data-testid='show-more'] ").Click();

        // Assert
        Assert.Equal(100, first);
        Assert.Equal(130, cut.FindAll("li.update").Count);
        Assert.Empty(cut.FindAll("[data-testid='show-more']"));
    }

    private IRenderedComponent<ReportPage> RenderPage(string reportId)
    {
        SignInAs("leader", Accounts.DashboardRoles.Viewer);
        var cut = Render<ReportPage>(p => p.Add(c => c.Id, reportId));
        cut.WaitForElement("[data-testid='report-page']");
        return cut;
    }
}
