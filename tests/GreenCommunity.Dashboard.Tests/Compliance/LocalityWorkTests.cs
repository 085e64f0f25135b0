using System.Globalization;
using Bunit;
using GreenCommunity.Dashboard.Components.Pages;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Compliance;

public sealed class LocalityWorkTests(DashboardFactory factory) : ComplianceTestContext(factory), IClassFixture<DashboardFactory>
{
    private const string Wuhan = "420100";

    [Fact]
    public void Render_LocalityPagePastDay_ShowsItsOwnRowOnly()
    {
        // Arrange
        SignInAs("leader", "viewer");
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/locality/{Wuhan}?asOf=2022-06-30");

        // Act
        var cut = Render<LocalityPage>(p => p.Add(x => x.Code, Wuhan));
        cut.WaitForElement("[data-testid='own-compliance-grid'] tbody tr");

        // Assert: one row, the 12 months up to June 2022 newest first, then the annual reports and the plan.
        var row = Assert.Single(cut.FindAll("[data-testid='own-compliance-grid'] tbody tr"));
        Assert.Equal(Wuhan, row.GetAttribute("data-locality"));
        var duties = row.QuerySelectorAll("td").Select(c => c.GetAttribute("data-duty")).ToList();
        Assert.Equal(["monthly:2022-06", "monthly:2022-05"], duties.Take(2));
        Assert.Equal(12, duties.Count(d => d!.StartsWith("monthly:", StringComparison.Ordinal)));
        Assert.Equal(["annual:2022", "annual:2021", "plan:2021"], duties.Skip(12));
        Assert.Equal("/compliance?asOf=2022-06-30", cut.Find("[data-testid='own-compliance'] a").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid='my-work']"));   // a viewer has no work list
    }

    [Fact]
    public async Task Render_CoordinatorOnOwnLocalityToday_ShowsThisMonthsReportOverdueItemsAndUnmetCommunities()
    {
        // Arrange: the expectations straight from the tables.
        SignInAs("wuhan", "coordinator", Wuhan);
        var today = ReportBodies.Today;
        var unmet = (await Factory.QueryAsync<long>(
            """
            SELECT COUNT(*) FROM community_state s JOIN communities c ON c.code = s.community_code
             WHERE c.locality_code = @Wuhan AND s.stage IN (1, 2)
               AND (SELECT COUNT(*) FROM community_criteria cc WHERE cc.community_code = s.community_code AND cc.met = 1) < 16
            """, new { Wuhan }))[0];

        // Act
        var cut = Render<LocalityPage>(p => p.Add(x => x.Code, Wuhan));
        cut.WaitForElement("[data-testid='my-work']");

        // Assert
        var due = $"截止{new DateOnly(today.Year, today.Month, 25).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        Assert.Equal(due, cut.Find("[data-testid='my-work-due']").TextContent);
        Assert.Contains($"本月月报（{ReportBodies.ThisMonth}）", cut.Find("[data-testid='my-work-current']").TextContent, StringComparison.Ordinal);
        Assert.Equal("/submit", cut.Find("[data-testid='my-work-submit']").GetAttribute("href"));
        Assert.Contains(unmet.ToString(CultureInfo.InvariantCulture), cut.Find("[data-testid='my-work-unmet']").TextContent, StringComparison.Ordinal);
        if (unmet > 0)
        {
            Assert.Equal($"/locality/{Wuhan}/communities?stage=pilot,in_progress&unmet=any", cut.Find("[data-testid='my-work-unmet-link']").GetAttribute("href"));
        }
        // Overdue items come first in the panel, before this month's report.
        var blocks = cut.FindAll("[data-testid='my-work'] .work-block").Select(b => b.GetAttribute("data-testid")).ToList();
        Assert.Equal(["my-work-overdue", "my-work-current", "my-work-unmet"], blocks);
    }

    [Theory]
    [InlineData("yichang", "coordinator", "420500")]   // another locality's coordinator
    [InlineData("admin", "admin", null)]
    [InlineData("leader", "viewer", null)]
    public void Render_NotThisLocalitysCoordinator_HasNoWorkPanel(string user, string role, string? locality)
    {
        // Arrange
        SignInAs(user, role, locality);

        // Act
        var cut = Render<LocalityPage>(p => p.Add(x => x.Code, Wuhan));
        cut.WaitForElement("[data-testid='own-compliance']");

        // Assert
        Assert.Empty(cut.FindAll("[data-testid='my-work']"));
    }

    [Fact]
    public void Render_CoordinatorOnAPastDay_HasNoWorkPanel()
    {
        // Arrange
        SignInAs("wuhan", "coordinator", Wuhan);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/locality/{Wuhan}?asOf=2022-06-30");

        // Act
        var cut = Render<LocalityPage>(p => p.Add(x => x.Code, Wuhan));
        cut.WaitForElement("[data-testid='own-compliance']");

        // Assert
        Assert.Empty(cut.FindAll("[data-testid='my-work']"));
    }
}
