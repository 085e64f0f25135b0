using Bunit;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Components.Controls.Map;
using GreenCommunity.Dashboard.Components.Pages.Communities;
using GreenCommunity.Dashboard.Components.Pages.Community;
using GreenCommunity.Dashboard.Components.Pages.Demonstration;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static GreenCommunity.Dashboard.Tests.Demonstration.DemonstrationRequests;

namespace GreenCommunity.Dashboard.Tests.Demonstration;

public sealed class DemonstrationPageTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private IRenderedComponent<PracticesPage> RenderPractices(string address)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<PracticesPage>();
    }

    [Fact]
    public async Task Practices_Coordinator_AddsForItsOwnLocalityOnceEvenOnADoubleClick()
    {
        // Arrange
        SignInAs("wuhan", DashboardRoles.Coordinator, Wuhan);
        var cut = RenderPractices("/practices?locality=420100");
        cut.WaitForElement("[data-testid='practice-form']");
        var title = "双击测试 " + Guid.NewGuid().ToString("N")[..6];

        // Act
        cut.Find("[data-testid='practice-title']").Change(title);
        cut.Find("[data-testid='practice-description']").Change("社区议事会每月召开，居民点单、社区派单、党员接单。");
        var add = cut.Find("[data-testid='add-practice']");
        var first = add.ClickAsync(new());
        var second = add.ClickAsync(new());   // before the first has its answer
        await Task.WhenAll(first, second);

        // Assert: no locality to choose, no designation; one row, Wuhan's, written by the coordinator; listed on the page
        Assert.Empty(cut.FindAll("[data-testid='practice-locality']"));
        Assert.Empty(cut.FindAll("[data-testid='designation-form']"));
        var rows = await Factory.QueryAsync<(string Locality, string CreatedBy)>("SELECT locality_code, created_by FROM practices WHERE title = @title", new { title });
        Assert.Equal([(Wuhan, "user:wuhan")], rows);
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid='practice'] strong"), s => s.TextContent == title));
    }

    [Fact]
    public async Task Practices_Admin_DesignatesAndWithdrawsABase()
    {
        // Arrange
        SignInAs("admin", DashboardRoles.Admin);
        var community = await CommunityAsync(Factory, Yichang);
        var cut = RenderPractices("/practices?locality=420500");
        cut.WaitForElement("[data-testid='designation-form']");

        // Act: designate, then withdraw from the list
        cut.Find("[data-testid='designation-community']").Change(community);
        cut.Find("[data-testid='designation-description']").Change("老旧小区改造与海绵化提升示范。");
        await cut.Find("[data-testid='designate']").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll($"[data-testid='base'][data-code='{community}']")));
        var designated = await Factory.ScalarAsync<long>("SELECT COUNT(*) FROM demonstration_bases WHERE community_code = @community AND withdrawn_at IS NULL", new { community });
        await cut.Find($"[data-testid='base'][data-code='{community}'] [data-testid='withdraw-open']").ClickAsync(new());
        cut.Find($"[data-testid='base'][data-code='{community}'] [data-testid='withdraw-reason']").Change("创建成果未能保持");
        await cut.Find($"[data-testid='base'][data-code='{community}'] [data-testid='withdraw']").ClickAsync(new());

        // Assert
        Assert.Equal(1L, designated);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid='base'][data-code='{community}']")));
        var kept = await Factory.QueryAsync<(string By, string Reason)>(
            "SELECT withdrawn_by, withdrawal_reason FROM demonstration_bases WHERE community_code = @community AND withdrawn_at IS NOT NULL", new { community });
        Assert.Equal([("user:admin", "创建成果未能保持")], kept);
    }

    [Fact]
    public void Practices_AdminBadInput_ShowsEachFieldsProblemAndWritesNothing()
    {
        // Arrange
        SignInAs("admin", DashboardRoles.Admin);
        var cut = RenderPractices("/practices");
        cut.WaitForElement("[data-testid='designation-form']");

        // Act
        cut.Find("[data-testid='designation-community']").Change("4201");
        cut.Find("[data-testid='designate']").Click();

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("十二位社区代码", cut.Find("[data-testid='designation-form']").TextContent, StringComparison.Ordinal));
        Assert.Contains("必填", cut.Find("[data-testid='designation-form']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Practices_Viewer_ReadsWithoutForms()
    {
        // Arrange
        SignInAs("leader", DashboardRoles.Viewer);

        // Act
        var cut = RenderPractices("/practices");

        // Assert: the demo's bases and practices by locality, nothing to write with
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='base']")));
        Assert.NotEmpty(cut.FindAll("[data-testid='practice']"));
        Assert.Empty(cut.FindAll("[data-testid='practice-form']"));
        Assert.Empty(cut.FindAll("[data-testid='designation-form']"));
        Assert.Empty(cut.FindAll("[data-testid='withdraw-open']"));
    }

    [Fact]
    public async Task CommunityPage_Base_ShowsTheBadgeWithItsDescriptionAndAnotherShowsNone()
    {
        // Arrange
        SignInAs("leader", DashboardRoles.Viewer);
        var (code, description) = (await Factory.QueryAsync<(string, string)>(
            "SELECT community_code, description FROM demonstration_bases WHERE withdrawn_at IS NULL ORDER BY community_code LIMIT 1")).Single();
        var other = await CommunityAsync(Factory, Wuhan);

        // Act
        var cut = Render<CommunityPage>(p => p.Add(c => c.Code, code));
        var plain = Render<CommunityPage>(p => p.Add(c => c.Code, other));

        // Assert
        cut.WaitForAssertion(() => Assert.Contains(description, cut.Find("[data-testid='demonstration-badge']").TextContent, StringComparison.Ordinal));
        Assert.Contains("示范教育基地", cut.Find("[data-testid='demonstration-badge']").TextContent, StringComparison.Ordinal);
        plain.WaitForElement("[data-testid='community-page']");
        Assert.Empty(plain.FindAll("[data-testid='demonstration-badge']"));
    }

    [Fact]
    public async Task CommunityList_DemonstrationInTheAddress_ListsTheBasesWithItsChipAndDownload()
    {
        // Arrange
        SignInAs("wuhan", DashboardRoles.Coordinator, Wuhan);
        var bases = await Factory.QueryAsync<string>("SELECT community_code FROM demonstration_bases WHERE locality_code = '420100' AND withdrawn_at IS NULL ORDER BY community_code");
        Assert.NotEmpty(bases);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/locality/420100/communities?demonstration=true");

        // Act
        var cut = Render<CommunityListPage>(p => p.Add(x => x.Locality, Wuhan));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(bases.Select(c => $"/community/{c}"), cut.FindAll("[data-testid='community-link']").Select(a => a.GetAttribute("href"))));
        Assert.Contains("示范教育基地", cut.Find("[data-testid='filter-chips']").TextContent, StringComparison.Ordinal);
        Assert.Equal("/api/v1/communities?locality=420100&demonstration=true&format=xlsx", cut.Find("[data-testid='download']").GetAttribute("href"));
        Assert.NotNull(cut.Find("[data-testid='filter-demonstration']"));
    }

    [Fact]
    public async Task MapPanel_BasesLayerOn_MarksEachLocalityWithItsCurrentBases()
    {
        // Arrange
        SignInAs("leader", DashboardRoles.Viewer);
        var snapshot = await Factory.Services.GetRequiredService<LiveProgress>().GetAsync(null, Ct);
        var expected = (await Factory.QueryAsync<(string Locality, long Count)>(
            "SELECT locality_code, COUNT(*) FROM demonstration_bases WHERE withdrawn_at IS NULL GROUP BY locality_code ORDER BY locality_code"))
            .ToDictionary(r => r.Locality, r => (int)r.Count);
        var cut = Render<MapPanel>(p => p.Add(m => m.Snapshot, snapshot).Add(m => m.Parent, snapshot.Province));
        Assert.Empty(cut.FindAll("[data-testid='base-markers']"));

        // Act
        cut.Find("[data-testid='map-bases-toggle']").Change(true);

        // Assert: one marker per locality holding bases, at its label point, with its count
        cut.WaitForAssertion(() => Assert.Equal(expected,
            cut.FindAll(".base-marker").ToDictionary(m => m.GetAttribute("data-code")!, m => int.Parse(m.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture))));
        var wuhan = snapshot.Layers[snapshot.Campaign.ProvinceCode].Shapes.Single(s => s.Code == Wuhan);
        Assert.Equal(wuhan.LabelX.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), cut.Find($".base-marker[data-code='{Wuhan}'] circle").GetAttribute("cx"));
    }

    [Fact]
    public async Task MapPanel_LocalityMap_MarksDistrictsAndAWithdrawnBaseLeavesIt()
    {
        // Arrange: a base in a Wuhan district, then withdrawn
        SignInAs("leader", DashboardRoles.Viewer);
        var snapshot = await Factory.Services.GetRequiredService<LiveProgress>().GetAsync(null, Ct);
        var community = await CommunityAsync(Factory, Wuhan);
        var county = await Factory.ScalarAsync<string>("SELECT county_code FROM communities WHERE code = @community", new { community });
        using var province = Factory.CreateClient(Factory.Tokens.Province);
        var cut = Render<MapPanel>(p => p.Add(m => m.Snapshot, snapshot).Add(m => m.Parent, snapshot.Province.Find(Wuhan)!));
        cut.Find("[data-testid='map-bases-toggle']").Change(true);
        int Count() => cut.FindAll($".base-marker[data-code='{county}']").Select(m => int.Parse(m.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture)).SingleOrDefault();
        var before = Count();

        // Act
        await province.SendAsync(Post("/api/v1/demonstration-bases", Designation(community)), Ct);
        cut.WaitForAssertion(() => Assert.Equal(before + 1, Count()));
        await province.SendAsync(Post(Withdrawal(community), new System.Text.Json.Nodes.JsonObject { ["reason"] = "撤销" }), Ct);

        // Assert: the open map follows both changes
        cut.WaitForAssertion(() => Assert.Equal(before, Count()));
    }
}
