using Bunit;
using GreenCommunity.Dashboard.Components.Pages.Community;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Components;

public sealed class CommunityPageTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task Render_ACommunityWithTwoReports_ShowsWhereItIsAndThePathItTookEachStepLinkingItsReport()
    {
        // Arrange
        var story = await CommunityStory.TellAsync(Factory);
        var county = await Factory.ScalarAsync<string>("SELECT county_code FROM communities WHERE code = @Code", new { story.Code });

        // Act
        var cut = RenderPage(story.Code);

        // Assert
        Assert.Equal("/locality/420100", cut.Find("[data-testid='crumb-locality']").GetAttribute("href"));
        Assert.Equal("武汉市", cut.Find("[data-testid='crumb-locality']").TextContent);
        Assert.Equal($"/locality/420100/communities?county={county}", cut.Find("[data-testid='crumb-county']").GetAttribute("href"));
        var steps = cut.FindAll("[data-testid='stage-path'] .path-step");
        Assert.Equal(["not_started", "pilot", "in_progress"], steps.Select(s => s.GetAttribute("data-stage")));
        Assert.Equal(RecordLinks.Report(story.March), steps[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains(IsoDay.Text(CommunityStory.PilotDay), steps[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(RecordLinks.Report(story.May), steps[2].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("in_progress", cut.Find("[data-testid='stage-now'] .stage-badge").GetAttribute("data-stage"));
        Assert.NotNull(cut.Find("[data-testid='pilot-mark']"));
        // Every report that touched it, newest first, each linking to its page.
        Assert.Equal([RecordLinks.Report(story.May), RecordLinks.Report(story.March)],
            cut.FindAll("[data-testid='community-reports'] .report-item .report-link").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Render_ACriterionThatChanged_NamesTheReportThatChangedItAndLinksToIt()
    {
        // Arrange
        var story = await CommunityStory.TellAsync(Factory);

        // Act
        var cut = RenderPage(story.Code);

        // Assert: 12 went from 20% (March) to 35% (May); 1 was met in March and only restated in May.
        var coverage = cut.Find("[data-criterion='12'].criterion");
        Assert.Equal("met", coverage.GetAttribute("data-state"));
        var change = coverage.QuerySelector("[data-testid='criterion-change']")!;
        Assert.Contains("35%", change.TextContent, StringComparison.Ordinal);
        Assert.Contains(IsoDay.Text(CommunityStory.InProgressDay), change.TextContent, StringComparison.Ordinal);
        Assert.Equal(RecordLinks.Report(story.May), change.QuerySelector("a.report-link")!.GetAttribute("href"));
        Assert.Contains("月报 2022-05", change.TextContent, StringComparison.Ordinal);
        var earlier = coverage.QuerySelector(".criterion-earlier")!;
        Assert.Contains("20%", earlier.TextContent, StringComparison.Ordinal);
        Assert.Equal(RecordLinks.Report(story.March), earlier.QuerySelector("a.report-link")!.GetAttribute("href"));
        var first = cut.Find("[data-criterion='1'].criterion");
        Assert.Equal(RecordLinks.Report(story.March), first.QuerySelector("[data-testid='criterion-change'] a")!.GetAttribute("href"));
        Assert.Null(first.QuerySelector(".criterion-earlier"));
        Assert.Equal("not-assessed", cut.Find("[data-criterion='3'].criterion").GetAttribute("data-state"));
    }

    [Theory]
    [InlineData(null, "35%", "true")]
    [InlineData("2022-04-30", "20%", "false")]
    public async Task Render_PropertyManagement_ShowsTheShareAgainstTheThirtyPercentLine(string? asOf, string share, string met)
    {
        // Arrange
        var story = await CommunityStory.TellAsync(Factory);

        // Act
        var cut = RenderPage(story.Code, asOf);

        // Assert
        var value = cut.Find("[data-testid='share-value']");
        Assert.Contains(share, value.TextContent, StringComparison.Ordinal);
        Assert.Equal(met, value.GetAttribute("data-met"));
        Assert.Contains("left:30.0%", cut.Find("[data-testid='share-line']").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("标准：不低于 30%", cut.Find("[data-testid='share-gauge']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_InProgress_ListsEveryCriterionNotMetSayingNotAssessedCountsAndThatTheProvinceAccepts()
    {
        // Arrange
        var story = await CommunityStory.TellAsync(Factory);

        // Act
        var cut = RenderPage(story.Code);

        // Assert: 1, 2 and 12 are met; the 13 others were never assessed.
        var missing = cut.FindAll("[data-testid='missing-criteria'] li").Select(li => int.Parse(li.GetAttribute("data-criterion")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(1, 16).Except([1, 2, 12]), missing);
        Assert.All(cut.FindAll("[data-testid='missing-criteria'] li"), li => Assert.Contains("未评估", li.TextContent, StringComparison.Ordinal));
        Assert.NotNull(cut.Find("[data-testid='not-assessed-note']"));
        Assert.Equal(nameof(AcceptanceStep.ProvinceAcceptance), cut.Find("[data-testid='next-step']").GetAttribute("data-step"));
        Assert.Contains("省住建厅", cut.Find("[data-testid='next-step']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_BeforeItsFirstReport_SaysNotStartedAndListsNoReport()
    {
        // Arrange
        var story = await CommunityStory.TellAsync(Factory);

        // Act
        var cut = RenderPage(story.Code, "2022-03-09");

        // Assert
        Assert.Equal("not_started", cut.Find("[data-testid='stage-now'] .stage-badge").GetAttribute("data-stage"));
        Assert.Contains("2022-03-09", cut.Find("[data-testid='no-report-yet']").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid='community-reports'] .report-item"));
        Assert.Empty(cut.FindAll("[data-testid='pilot-mark']"));
        Assert.Equal(nameof(AcceptanceStep.StartFirst), cut.Find("[data-testid='next-step']").GetAttribute("data-step"));
        Assert.Equal(16, cut.FindAll("[data-testid='missing-criteria'] li").Count);
        // The locality keeps the day shown; a way back to today.
        Assert.Equal("/locality/420100?asOf=2022-03-09", cut.Find("[data-testid='crumb-locality']").GetAttribute("href"));
        Assert.Equal(RecordLinks.Community(story.Code), cut.Find("[data-testid='show-today']").GetAttribute("href"));
    }

    [Theory]
    [InlineData("not-a-day")]
    [InlineData("2099-01-01")]
    public async Task Render_AnAsOfThatIsNoPastDay_ShowsToday(string asOf)
    {
        // Arrange
        var story = await CommunityStory.TellAsync(Factory);

        // Act
        var cut = RenderPage(story.Code, asOf);

        // Assert
        Assert.Equal("in_progress", cut.Find("[data-testid='stage-now'] .stage-badge").GetAttribute("data-stage"));
        Assert.Empty(cut.FindAll("[data-testid='show-today']"));
    }

    private IRenderedComponent<CommunityPage> RenderPage(string code, string? asOf = null)
    {
        SignInAs("leader", Accounts.DashboardRoles.Viewer);
        Services.GetRequiredService<NavigationManager>().NavigateTo(asOf is null ? $"/community/{code}" : $"/community/{code}?asOf={asOf}");
        var cut = Render<CommunityPage>(p => p.Add(c => c.Code, code));
        cut.WaitForElement("[data-testid='community-page']");
        return cut;
    }
}
