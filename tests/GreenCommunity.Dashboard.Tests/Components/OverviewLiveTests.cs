using Bunit;
using GreenCommunity.Dashboard.Components.Pages;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Components;

public sealed class OverviewLiveTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task Report_Committed_FiguresAndFeedChangeWithoutReload()
    {
        // Arrange
        var cut = Render<Overview>();
        cut.WaitForElement("tr.locality-row");
        var startedBefore = Count(cut.Find("[data-testid='started-value']").TextContent);
        var communities = await Factory.TakeNotStartedAsync("420500", 3);
        var today = ReportBodies.Today;
        var report = new ReportSubmission("420500", ReportKind.Monthly, ReportPeriod.OfMonth(today.Year, today.Month), "宜昌市住房和城乡建设局", null,
            communities.Select(c => new CommunityUpdate(c, Stage.InProgress, today, new Dictionary<int, double>())).ToList());

        // Act
        var result = await Factory.Services.GetRequiredService<ReportIntake>().SubmitAsync(report, SubmitterScope.ForLocality("420500"), null, null, new Accounts.Actor("test", null), Xunit.TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(IntakeStatus.Stored, result.Status);
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(startedBefore + 3, Count(cut.Find("[data-testid='started-value']").TextContent));
            var top = cut.Find(".feed-item");
            Assert.Equal(result.Report!.ReportId, top.GetAttribute("data-report-id"));
            Assert.Contains("宜昌市", top.TextContent, StringComparison.Ordinal);
            Assert.Contains("3个社区有变化", top.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Dispose_Page_Unsubscribes()
    {
        // Arrange
        var live = Factory.Services.GetRequiredService<LiveProgress>();
        var before = live.SubscriberCount;
        var cut = Render<Overview>();
        cut.WaitForElement("tr.locality-row");

        // Act
        var during = live.SubscriberCount;
        await DisposeComponentsAsync();

        // Assert
        Assert.Equal(before + 1, during);
        Assert.Equal(before, live.SubscriberCount);
    }

    private static int Count(string text) => int.Parse(text.Replace(",", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
