using System.Globalization;
using Bunit;
using GreenCommunity.Dashboard.Components.Pages.Communities;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Components.Communities;

public sealed class CommunityListPageTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    private const string Wuhan = "420100";

    private IRenderedComponent<CommunityListPage> RenderAt(string address, string? locality)
    {
        SignInAs("wuhan", Accounts.DashboardRoles.Coordinator, Wuhan);
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<CommunityListPage>(p => p.Add(x => x.Locality, locality));
    }

    [Fact]
    public async Task Render_FiltersInTheAddress_ReachTheQueryAndEachRowLinksToItsCommunity()
    {
        // Arrange: what another page links to
        var expected = await Factory.QueryAsync<string>(
            """
            SELECT c.code FROM communities c JOIN community_state s ON s.community_code = c.code
             WHERE c.locality_code = '420100' AND s.stage = 2 AND s.criteria_met < 16
             ORDER BY s.criteria_met DESC, c.code DESC LIMIT 25
            """);
        var total = await Factory.ScalarAsync<long>(
            "SELECT COUNT(*) FROM communities c JOIN community_state s ON s.community_code = c.code WHERE c.locality_code = '420100' AND s.stage = 2 AND s.criteria_met < 16");
        Assert.NotEmpty(expected);

        // Act
        var cut = RenderAt("/locality/420100/communities?stage=in_progress&unmet=any&sort=-criteriaMet&pageSize=25", Wuhan);

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(expected.Count, cut.FindAll("[data-testid='community-link']").Count));
        Assert.Equal(expected.Select(c => $"/community/{c}"), cut.FindAll("[data-testid='community-link']").Select(a => a.GetAttribute("href")));
        Assert.All(cut.FindAll("span.stage"), s => Assert.Equal("创建中", s.TextContent));
        Assert.Contains(total.ToString(CultureInfo.InvariantCulture), cut.Find("[data-testid='list-total']").TextContent, StringComparison.Ordinal);
        var chips = cut.Find("[data-testid='filter-chips']").TextContent;
        Assert.Contains("创建中", chips, StringComparison.Ordinal);
        Assert.Contains("未达：16项中任一项", chips, StringComparison.Ordinal);
        var download = cut.Find("[data-testid='download']").GetAttribute("href");
        Assert.Equal("/api/v1/communities?locality=420100&stage=in_progress&unmet=any&sort=-criteriaMet&format=xlsx", download);
    }

    [Fact]
    public async Task Render_RowWithAReport_LinksToThatReportEscaped()
    {
        // Arrange
        var (code, reportId) = (await Factory.QueryAsync<(string, string)>(
            "SELECT s.community_code, r.report_id FROM community_state s JOIN reports r ON r.id = s.last_report WHERE s.community_code LIKE '4201%' ORDER BY s.community_code LIMIT 1")).Single();

        // Act
        var cut = RenderAt($"/locality/420100/communities?q={code}", Wuhan);

        // Assert
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid='community-link']")));
        Assert.Equal($"/reports/{Uri.EscapeDataString(reportId)}", cut.Find("[data-testid='report-link']").GetAttribute("href"));
    }

    [Fact]
    public void RemoveChip_Filter_WritesTheAddressWithoutIt()
    {
        // Arrange
        var cut = RenderAt("/locality/420100/communities?stage=in_progress&pilot=true", Wuhan);
        cut.WaitForElement("[data-testid='filter-chips']");
        var navigation = Services.GetRequiredService<NavigationManager>();

        // Act: close the "ever a pilot" chip
        var chip = cut.FindAll(".mud-chip").Single(c => c.TextContent.Contains("曾为试点", StringComparison.Ordinal));
        chip.QuerySelector("button.mud-chip-close-button")!.Click();

        // Assert
        cut.WaitForAssertion(() => Assert.EndsWith("/locality/420100/communities?stage=in_progress", navigation.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_BadValueInTheAddress_SaysSoAndListsWithoutIt()
    {
        // Act
        var cut = RenderAt("/communities?stage=started&unmet=99", null);

        // Assert
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='community-link']")));
        var problems = cut.Find("[data-testid='address-problems']").TextContent;
        Assert.Contains("stage", problems, StringComparison.Ordinal);
        Assert.Contains("unmet", problems, StringComparison.Ordinal);
    }
    [Fact]
    public async Task Render_PageInTheAddress_ListsThatPageAndKeepsItInTheAddress()
    {
        // Arrange: the second page of Wuhan's communities under way, as shared in a link
        var expected = await Factory.QueryAsync<string>(
            """
            SELECT c.code FROM communities c JOIN community_state s ON s.community_code = c.code
             WHERE c.locality_code = '420100' AND s.stage = 2 ORDER BY c.code LIMIT 50 OFFSET 50
            """);
        Assert.NotEmpty(expected);

        // Act
        var cut = RenderAt("/locality/420100/communities?stage=in_progress&page=2", Wuhan);

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(expected.Select(c => $"/community/{c}"), cut.FindAll("[data-testid='community-link']").Select(a => a.GetAttribute("href"))));
        Assert.EndsWith("/locality/420100/communities?stage=in_progress&page=2", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_PageBeyondTheLast_ShowsTheLastPageAndSaysSo()
    {
        // Arrange
        var total = await Factory.ScalarAsync<long>("SELECT COUNT(*) FROM communities WHERE locality_code = '420100'");
        var last = (total + 49) / 50;
        var expected = await Factory.QueryAsync<string>($"SELECT code FROM communities WHERE locality_code = '420100' ORDER BY code LIMIT 50 OFFSET {(last - 1) * 50}");

        // Act
        var cut = RenderAt("/locality/420100/communities?page=99999", Wuhan);

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(expected.Select(c => $"/community/{c}"), cut.FindAll("[data-testid='community-link']").Select(a => a.GetAttribute("href"))));
        Assert.Contains("99999", cut.Find("[data-testid='beyond-last-page']").TextContent, StringComparison.Ordinal);
        Assert.EndsWith($"/locality/420100/communities?page={last}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DistrictCodeAsLocality_OpensItsLocalityFilteredToIt()
    {
        // Act: 420102 is a district (江岸区) of Wuhan
        var cut = RenderAt("/locality/420102/communities", "420102");

        // Assert
        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith("/locality/420100/communities?county=420102", navigation.Uri, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid='unknown-region']"));
    }

    [Fact]
    public async Task Render_Total_HasTheThousandsSeparator()
    {
        // Arrange
        var total = await Factory.ScalarAsync<long>("SELECT COUNT(*) FROM communities");
        Assert.True(total >= 1000, "the demo store has more than a thousand communities");

        // Act
        var cut = RenderAt("/communities", null);

        // Assert
        cut.WaitForAssertion(() => Assert.Equal($"共 {total.ToString("N0", CultureInfo.GetCultureInfo("zh-CN"))} 个社区", cut.Find("[data-testid='list-total']").TextContent.Trim()));
    }
}
