using Dapper;
using GreenCommunity.Data.Communities;
using GreenCommunity.Domain.Communities;
using static GreenCommunity.Data.Tests.Communities.CommunityListStore;

namespace GreenCommunity.Data.Tests.Communities;

public sealed class CommunityListQueryTests(CommunityListStore fixture) : IClassFixture<CommunityListStore>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IReadOnlyList<string>> CodesAsync(CommunityListFilter filter)
    {
        var page = await fixture.Query.GetPageAsync(filter, 1, 500, Ct);
        Assert.Equal(page.Items.Count, Math.Min(500, (int)page.Total));
        return page.Items.Select(i => i.Code).ToList();
    }

    [Fact]
    public async Task GetPage_Locality_GivesItsCommunitiesOnlyAndCountsThemAll()
    {
        // Arrange
        await using var connection = await fixture.Store.Database.OpenAsync(Ct);
        var wuhan = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM communities WHERE locality_code = '420100'");

        // Act
        var page = await fixture.Query.GetPageAsync(new CommunityListFilter { Locality = Wuhan }, 1, 50, Ct);

        // Assert
        Assert.Equal(wuhan, page.Total);
        Assert.Equal(50, page.Items.Count);
        Assert.All(page.Items, i => Assert.Equal(Wuhan, i.Locality));
    }

    [Fact]
    public async Task GetPage_Row_SaysWhereItIsWhereItStandsSinceWhenAndItsLastReport()
    {
        // Act
        var row = Assert.Single((await fixture.Query.GetPageAsync(new CommunityListFilter { Query = Taining }, 1, 50, Ct)).Items);

        // Assert
        Assert.Equal(("泰宁社区", Jiangan, "江岸区", Dazhi, "大智街道", Wuhan), (row.Name, row.CountyCode, row.CountyName, row.TownCode, row.TownName, row.Locality));
        Assert.Equal((Stage.InProgress, false, new DateOnly(2022, 5, 10), 1), (row.Stage, row.Pilot, row.Since, row.CriteriaMet));
        Assert.Equal((fixture.TainingReportId, "2022-05"), (row.LastReport!.ReportId, row.LastReport.Period));
    }

    [Fact]
    public async Task GetPage_CommunityNeverReported_HasNoSinceAndNoLastReport()
    {
        // Act
        var row = Assert.Single((await fixture.Query.GetPageAsync(new CommunityListFilter { Query = Percent }, 1, 50, Ct)).Items);

        // Assert
        Assert.Equal((Stage.NotStarted, (DateOnly?)null, 0, (LastReportRef?)null), (row.Stage, row.Since, row.CriteriaMet, row.LastReport));
    }

    [Fact]
    public async Task GetPage_County_GivesThatCountyOnly()
    {
        // Act
        var page = await fixture.Query.GetPageAsync(new CommunityListFilter { Locality = Wuhan, County = Jianghan }, 1, 500, Ct);

        // Assert
        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, i => Assert.Equal((Jianghan, "江汉区"), (i.CountyCode, i.CountyName)));
        Assert.Contains(page.Items, i => i.Code == Wannian);
    }

    [Fact]
    public async Task GetPage_Town_GivesThatTownOnly()
    {
        // Act
        var page = await fixture.Query.GetPageAsync(new CommunityListFilter { Town = Dazhi }, 1, 500, Ct);

        // Assert
        Assert.All(page.Items, i => Assert.Equal(Dazhi, i.TownCode));
        Assert.Contains(page.Items, i => i.Code == Baocheng);
        Assert.DoesNotContain(page.Items, i => i.Code == Wannian);
    }

    [Theory]
    [InlineData(new[] { Stage.InProgress }, new[] { Taining, Wannian, YichangCommunity })]
    [InlineData(new[] { Stage.Pilot, Stage.Accepted }, new[] { Baocheng, Tujia })]
    public async Task GetPage_Stages_GivesCommunitiesInAnyOfThem(Stage[] stages, string[] expected)
    {
        // Act
        var codes = await CodesAsync(new CommunityListFilter { Stages = stages });

        // Assert
        Assert.Equal(expected.Order(StringComparer.Ordinal), codes);
    }

    [Fact]
    public async Task GetPage_EverPilot_KeepsAnAcceptedFormerPilot()
    {
        // Act
        var codes = await CodesAsync(new CommunityListFilter { EverPilot = true });

        // Assert
        Assert.Equal([Baocheng, Tujia], codes);
    }

    [Fact]
    public async Task GetPage_NeverPilot_LeavesOutEveryPilotPastOrPresent()
    {
        // Arrange
        var all = await fixture.Query.GetAllAsync(new CommunityListFilter(), Ct);

        // Act
        var codes = await fixture.Query.GetAllAsync(new CommunityListFilter { NeverPilot = true }, Ct);

        // Assert
        Assert.Equal(all.Select(r => r.Code).Except([Baocheng, Tujia]), codes.Select(r => r.Code));
    }

    [Theory]
    [InlineData(new[] { 3 }, new[] { Taining })]                       // Baocheng and Wannian meet 3
    [InlineData(new[] { 1, 3 }, new[] { Taining, Wannian })]           // each lacks one of them; Baocheng meets both
    public async Task GetPage_Unmet_GivesCommunitiesMissingAnyOfThem(int[] unmet, string[] expected)
    {
        // Act
        var codes = await CodesAsync(new CommunityListFilter { Stages = [Stage.InProgress, Stage.Accepted], Locality = Wuhan, Unmet = unmet });

        // Assert
        Assert.Equal(expected, codes);
    }

    [Fact]
    public async Task GetPage_AnyUnmet_LeavesOutCommunitiesMeetingAllSixteen()
    {
        // Act
        var codes = await CodesAsync(new CommunityListFilter { Stages = [Stage.Pilot, Stage.InProgress, Stage.Accepted], Locality = Wuhan, AnyUnmet = true });

        // Assert
        Assert.Equal([Taining, Wannian, Tujia], codes);
    }

    [Fact]
    public async Task GetPage_C12Below_GivesLowerSharesAndTheNotYetAssessed()
    {
        // Act
        var codes = await CodesAsync(new CommunityListFilter { Stages = [Stage.Pilot, Stage.InProgress, Stage.Accepted], Locality = Wuhan, C12Below = 0.3 });

        // Assert: Taining at 20%, Tujia never assessed; Baocheng 50% and Wannian 35% are not below
        Assert.Equal([Taining, Tujia], codes);
    }

    [Fact]
    public async Task GetPage_QuietMonths_LeavesOutCommunitiesChangedSince()
    {
        // Act: six months before 2026-11-30 is 2026-05-30; Wannian changed on 2026-10-10
        var codes = await CodesAsync(new CommunityListFilter { Stages = [Stage.Pilot, Stage.InProgress, Stage.Accepted], Locality = Wuhan, QuietMonths = 6 });

        // Assert
        Assert.Equal([Baocheng, Taining, Tujia], codes);
    }

    [Theory]
    [InlineData("保成", new[] { Baocheng })]
    [InlineData("42010200290", new[] { Percent, Underscore, Formula })]
    [InlineData("%", new[] { Percent })]
    [InlineData("_", new[] { Underscore })]
    [InlineData("=1+", new[] { Formula })]
    public async Task GetPage_Query_MatchesPartOfTheNameOrTheStartOfTheCodeTakingLikeCharactersLiterally(string q, string[] expected)
    {
        // Act
        var codes = await CodesAsync(new CommunityListFilter { Query = q });

        // Assert
        Assert.Equal(expected, codes);
    }

    [Theory]
    [InlineData(CommunityListColumn.CriteriaMet, true, new[] { Baocheng, Wannian, Taining })]   // 16, 2, 1 (then by code, descending)
    [InlineData(CommunityListColumn.Since, false, new[] { Tujia, Taining, Baocheng })]   // 2022-03-01, 2022-05-10, accepted 2022-12-20
    [InlineData(CommunityListColumn.Since, true, new[] { Wannian, Baocheng, Taining })]
    [InlineData(CommunityListColumn.LastReport, true, new[] { Wannian, Baocheng, Taining })]
    [InlineData(CommunityListColumn.Stage, true, new[] { Baocheng, Wannian, Taining })]
    [InlineData(CommunityListColumn.County, true, new[] { Tujia, Wannian, Taining })]
    public async Task GetPage_Sort_OrdersByTheColumnThenByCode(CommunityListColumn column, bool descending, string[] first)
    {
        // Act
        var filter = new CommunityListFilter { Locality = Wuhan, Stages = [Stage.Pilot, Stage.InProgress, Stage.Accepted], Sort = new CommunityListSort(column, descending) };
        var codes = await CodesAsync(filter);

        // Assert
        Assert.Equal(first, codes.Take(3));
    }

    [Fact]
    public async Task GetPage_SortByName_OrdersByTheNameText()
    {
        // Act
        var page = await fixture.Query.GetPageAsync(new CommunityListFilter { Town = Dazhi, Sort = new(CommunityListColumn.Name, false) }, 1, 500, Ct);

        // Assert
        Assert.Equal(page.Items.Select(i => i.Name).Order(StringComparer.Ordinal), page.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task GetPage_SecondPage_ContinuesWhereTheFirstEndedWithTheSameTotal()
    {
        // Arrange
        var filter = new CommunityListFilter { Locality = Wuhan, Sort = new(CommunityListColumn.CriteriaMet, true) };
        var whole = await fixture.Query.GetPageAsync(filter, 1, 40, Ct);

        // Act
        var second = await fixture.Query.GetPageAsync(filter, 2, 20, Ct);
        var beyond = await fixture.Query.GetPageAsync(filter, 10_000, 20, Ct);

        // Assert
        Assert.Equal(whole.Items.Skip(20).Select(i => i.Code), second.Items.Select(i => i.Code));
        Assert.Equal(whole.Total, second.Total);
        Assert.Empty(beyond.Items);
        Assert.Equal(whole.Total, beyond.Total);
    }

    [Fact]
    public async Task GetAll_Filter_GivesEveryMatchingRowInOrder()
    {
        // Act
        var rows = await fixture.Query.GetAllAsync(new CommunityListFilter { Locality = Wuhan, Sort = new(CommunityListColumn.CriteriaMet, true) }, Ct);

        // Assert
        var page = await fixture.Query.GetPageAsync(new CommunityListFilter { Locality = Wuhan }, 1, 1, Ct);
        Assert.Equal(page.Total, rows.Count);
        Assert.Equal(Baocheng, rows[0].Code);
    }

    [Fact]
    public async Task Towns_County_GivesEachTownOnceInCodeOrder()
    {
        // Act
        var towns = await fixture.Query.TownsAsync(Jiangan, Ct);

        // Assert
        Assert.Contains((Dazhi, "大智街道"), towns);
        Assert.Equal(towns.Select(t => t.Code).Distinct().Order(StringComparer.Ordinal), towns.Select(t => t.Code));
        Assert.All(towns, t => Assert.StartsWith(Jiangan, t.Code, StringComparison.Ordinal));
    }
}
