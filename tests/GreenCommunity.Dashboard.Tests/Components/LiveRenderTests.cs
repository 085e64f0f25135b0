using Bunit;
using GreenCommunity.Dashboard.Components.Controls.Charts;
using GreenCommunity.Dashboard.Components.Controls.Map;
using GreenCommunity.Dashboard.Components.Pages;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Components;

/// <summary>A live update renders only the parts whose figures it changed.</summary>
public sealed class LiveRenderTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task CriteriaOnlyReport_RendersTheHeatMapButNotTheStagesOrTheOutlines()
    {
        // Arrange: a started community of Yichang that does not meet criterion 1 yet.
        var community = (await Factory.QueryAsync<string>(
            """
            SELECT s.community_code FROM community_state s JOIN communities c ON c.code = s.community_code
             WHERE c.locality_code = '420500' AND s.stage IN (1, 2)
               AND NOT EXISTS (SELECT 1 FROM community_criteria k WHERE k.community_code = s.community_code AND k.criterion = 1 AND k.met = 1)
             ORDER BY s.community_code LIMIT 1
            """))[0];
        var cut = Render<Overview>();
        cut.WaitForElement("tr.locality-row");
        var stages = cut.FindComponent<StagesChart>();
        var heatMap = cut.FindComponent<CriteriaHeatMap>();
        var outlines = cut.FindComponent<MapOutlines>();
        var (stagesBefore, heatBefore) = (stages.RenderCount, heatMap.RenderCount);
        var cell = cut.Find("td[data-locality='420500'][data-criterion='1']").GetAttribute("data-share");
        var today = ReportBodies.Today;
        var report = new ReportSubmission("420500", ReportKind.Monthly, ReportPeriod.OfMonth(today.Year, today.Month), "宜昌市住房和城乡建设局", null,
            [new CommunityUpdate(community, null, today, new Dictionary<int, double> { [1] = 1 })]);

        // Act
        var result = await Factory.Services.GetRequiredService<ReportIntake>().SubmitAsync(report, SubmitterScope.ForLocality("420500"), null, null,
            new Accounts.Actor("test", null), Xunit.TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(IntakeStatus.Stored, result.Status);
        cut.WaitForAssertion(() => Assert.NotEqual(cell, cut.Find("td[data-locality='420500'][data-criterion='1']").GetAttribute("data-share")));
        Assert.Equal(result.Report!.ReportId, cut.Find(".feed-item").GetAttribute("data-report-id"));
        cut.WaitForAssertion(() => Assert.True(heatMap.RenderCount > heatBefore));
        Assert.Equal(stagesBefore, stages.RenderCount);   // no stage changed: the same tree, no render
        Assert.Equal(1, outlines.RenderCount);
    }
}
