using System.Net;
using Bunit;
using GreenCommunity.Dashboard.Components.Controls.Inspections;
using GreenCommunity.Dashboard.Components.Pages.Community;
using GreenCommunity.Dashboard.Components.Pages.Inspections;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static GreenCommunity.Dashboard.Tests.Inspections.InspectionRequests;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.Inspections;

public sealed class InspectionPagesTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private Task<long> InspectionsOfAsync(string community) =>
        Factory.ScalarAsync<long>("SELECT COUNT(*) FROM inspections WHERE community_code = @community", new { community });

    /// <summary>Accepted (已验收) Wuhan communities of the demo, from the last, one per test.</summary>
    private async Task<string> AcceptedAsync(int index) => (await Factory.QueryAsync<string>(
        "SELECT c.code FROM communities c JOIN community_state s ON s.community_code = c.code WHERE c.locality_code = @Wuhan AND s.stage = 3 ORDER BY c.code DESC LIMIT 1 OFFSET @index",
        new { Wuhan, index }))[0];

    private async Task<string> RecordByApiAsync(string community)
    {
        using var province = Factory.CreateClient(Factory.Tokens.Province);
        var response = await province.SendAsync(Record(Visit(community, Today.AddDays(-1), Today.AddDays(14), (12, false), (1, true))), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("inspectionId").GetString()!;
    }

    private IRenderedComponent<InspectionsPage> RenderList(string user, string role, string? locality = null, string uri = "/inspections")
    {
        SignInAs(user, role, locality);
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        var cut = Render<InspectionsPage>();
        cut.WaitForElement("[data-testid='inspections-page'] :is([data-testid='inspections-table'], [data-testid='inspections-none'])");
        return cut;
    }

    [Fact]
    public async Task RecordForm_Admin_RecordsOnceAsTheAdminAndListsIt()
    {
        // Arrange
        var community = (await Factory.TakeNotStartedAsync(Wuhan, 1))[0];
        var cut = RenderList("admin", Accounts.DashboardRoles.Admin);

        // Act
        cut.Find("input[data-testid='field-community']").Change(community);
        cut.Find("input[data-testid='field-inspectors']").Change("省住建厅暗访组");
        cut.Find("input[data-testid='field-rectify-by']").Change(Day(Today.AddDays(20)));
        cut.Find("tr[data-criterion='12'] select").Change(FindingChoice.NotMet.ToString());
        cut.Find("tr[data-criterion='12'] input").Change("物业服务覆盖率不足");
        cut.Find("tr[data-criterion='3'] select").Change(FindingChoice.Met.ToString());
        await cut.Find("[data-testid='record-inspection']").ClickAsync(new());

        // Assert
        cut.WaitForElement("[data-testid='inspection-recorded']");
        Assert.Equal(1L, await InspectionsOfAsync(community));
        Assert.Equal(["0/物业服务覆盖率不足", "1/"], await Factory.QueryAsync<string>(
            "SELECT f.met || '/' || COALESCE(f.note, '') FROM inspection_findings f JOIN inspections i ON i.id = f.inspection WHERE i.community_code = @community ORDER BY f.met",
            new { community }));
        Assert.Equal("user:admin", await Factory.ScalarAsync<string>("SELECT recorded_by FROM inspections WHERE community_code = @community", new { community }));
        cut.WaitForAssertion(() => Assert.Contains(community, cut.Find("[data-testid='inspections-table']").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecordForm_Empty_ListsEachProblemInChineseAndWritesNothing()
    {
        // Arrange
        var before = await Factory.ScalarAsync<long>("SELECT COUNT(*) FROM inspections");
        var cut = RenderList("admin", Accounts.DashboardRoles.Admin);

        // Act
        await cut.Find("[data-testid='record-inspection']").ClickAsync(new());

        // Assert
        var problems = cut.WaitForElement("[data-testid='inspection-problems']");
        Assert.Equal(["community", "inspectors", "findings"], problems.QuerySelectorAll("li").Select(li => li.GetAttribute("data-path")));
        Assert.Contains("必填", problems.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await Factory.ScalarAsync<long>("SELECT COUNT(*) FROM inspections"));
    }

    [Fact]
    public async Task List_Coordinator_NoRecordFormAndItsOwnLocalityFirst()
    {
        // Arrange: a Yichang inspection recorded after a Wuhan one (latest visit first would put Yichang first)
        await RecordByApiAsync((await Factory.TakeNotStartedAsync(Wuhan, 1))[0]);
        await RecordByApiAsync((await Factory.TakeNotStartedAsync(Yichang, 1))[0]);

        // Act
        var cut = RenderList("wuhan", Accounts.DashboardRoles.Coordinator, Wuhan);

        // Assert
        Assert.Empty(cut.FindAll("[data-testid='inspection-form']"));
        var localities = cut.FindAll("[data-testid='inspections-table'] tbody tr td:nth-child(3)").Select(td => td.TextContent).ToList();
        Assert.Equal("武汉市", localities[0]);
        Assert.Contains("宜昌市", localities);
    }

    [Fact]
    public async Task InspectionPage_OwnCoordinator_AnswersAndTheFindingIsRectified()
    {
        // Arrange
        var id = await RecordByApiAsync((await Factory.TakeNotStartedAsync(Wuhan, 1))[0]);
        SignInAs("wuhan", Accounts.DashboardRoles.Coordinator, Wuhan);
        var cut = Render<InspectionPage>(p => p.Add(c => c.InspectionId, id));
        cut.WaitForElement("[data-testid='answer-form']");

        // Act
        cut.Find("tr[data-criterion='12'] input.answer-rectified").Change(true);
        cut.Find("tr[data-criterion='12'] input.answer-note").Change("已补齐物业服务");
        await cut.Find("[data-testid='send-answer']").ClickAsync(new());

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("[data-testid='findings'] li[data-criterion='12']").GetAttribute("data-open")));
        Assert.Empty(cut.FindAll("[data-testid='answer-form']"));
        Assert.Equal("user:wuhan", await Factory.ScalarAsync<string>(
            "SELECT f.answered_by FROM inspection_findings f JOIN inspections i ON i.id = f.inspection WHERE i.inspection_id = @id AND f.criterion = 12", new { id }));
    }

    [Fact]
    public async Task InspectionPage_OtherLocalitysCoordinator_NoAnswerForm()
    {
        // Arrange
        var id = await RecordByApiAsync((await Factory.TakeNotStartedAsync(Wuhan, 1))[0]);
        SignInAs("yichang", Accounts.DashboardRoles.Coordinator, Yichang);

        // Act
        var cut = Render<InspectionPage>(p => p.Add(c => c.InspectionId, id));

        // Assert
        cut.WaitForElement("[data-testid='findings']");
        Assert.Empty(cut.FindAll("[data-testid='answer-form']"));
    }

    [Fact]
    public async Task CommunityPage_AcceptedWithOpenFinding_ShowsTheDiscrepancy()
    {
        // Arrange
        var community = await AcceptedAsync(0);
        await RecordByApiAsync(community);
        SignInAs("leader", Accounts.DashboardRoles.Viewer);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/community/{community}");

        // Act
        var cut = Render<CommunityPage>(p => p.Add(c => c.Code, community));

        // Assert
        var warning = cut.WaitForElement("[data-testid='community-discrepancy']");
        Assert.Equal("已验收，但暗访发现第12项未达标", warning.TextContent.Trim());
    }

    [Fact]
    public async Task DiscrepancyCard_AfterARecordAndAnAnswer_CountsAgain()
    {
        // Arrange
        var community = await AcceptedAsync(1);
        var cut = Render<DiscrepancyCard>();
        cut.WaitForAssertion(() => Assert.NotEqual("…", cut.Find("[data-testid='discrepancy-count']").TextContent));
        var before = int.Parse(cut.Find("[data-testid='discrepancy-card']").GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture);

        // Act
        var id = await RecordByApiAsync(community);
        cut.WaitForAssertion(() => Assert.Equal((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-testid='discrepancy-card']").GetAttribute("data-count")));
        using var wuhan = Factory.CreateClient(Factory.Tokens.Localities[Wuhan]);
        var answered = await wuhan.SendAsync(Answer(id, Answers(Today, 12)), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        cut.WaitForAssertion(() => Assert.Equal(before.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-testid='discrepancy-card']").GetAttribute("data-count")));
        Assert.Equal("/inspections?discrepancy=true", cut.Find("a.discrepancy-link").GetAttribute("href"));
    }

    [Fact]
    public async Task HeatMapDiscrepancies_AcceptedCommunityFoundShortOnTheCriterion_ListedUnderThatCellOnly()
    {
        // Arrange
        var community = await AcceptedAsync(2);
        var id = await RecordByApiAsync(community);

        // Act
        var onTwelve = Render<HeatMapDiscrepancies>(p => p.Add(c => c.Region, Wuhan).Add(c => c.Criterion, 12));
        var onOne = Render<HeatMapDiscrepancies>(p => p.Add(c => c.Region, Wuhan).Add(c => c.Criterion, 1));
        var elsewhere = Render<HeatMapDiscrepancies>(p => p.Add(c => c.Region, Yichang).Add(c => c.Criterion, 12));

        // Assert
        var item = onTwelve.WaitForElement($"[data-testid='heatmap-discrepancies'] li[data-code='{community}']");
        Assert.Equal($"/inspections/{id}", item.QuerySelector("a")!.GetAttribute("href"));
        Assert.Empty(onOne.FindAll($"li[data-code='{community}']"));
        Assert.Empty(elsewhere.FindAll($"li[data-code='{community}']"));
    }
}
