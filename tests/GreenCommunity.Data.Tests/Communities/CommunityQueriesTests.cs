using Dapper;
using GreenCommunity.Data.Communities;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.Communities;

public sealed class CommunityQueriesTests
{
    private const string Wuhan = "420100";
    private const string Baocheng = "420102002003";   // 保成社区, 江岸区, 武汉市
    private const string YichangCommunity = "420502001001";   // 土街头社区, 宜昌市

    private static readonly DateTimeOffset s_received = new(2022, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListWithStages_Locality_GivesEveryCommunityWithItsStageTodayAndWhetherItWasAPilot()
    {
        // Arrange: 保成 a pilot, then in progress
        await using var store = await TestStore.CreateAsync();
        await store.Writer.SubmitAsync(Monthly(Update(Baocheng, Stage.Pilot, 2022, 4, 1)), SubmitterScope.ForLocality(Wuhan), s_received, Ct);
        await store.Writer.SubmitAsync(Monthly(Update(Baocheng, Stage.InProgress, 2022, 5, 1)), SubmitterScope.ForLocality(Wuhan), s_received, Ct);
        var queries = new CommunityQueries(store.Database);

        // Act
        var communities = await queries.ListWithStagesAsync(Wuhan, Ct);

        // Assert
        await using var connection = await store.Database.OpenAsync(Ct);
        Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM communities WHERE locality_code = @Wuhan", new { Wuhan }), communities.Count);
        Assert.All(communities, c => Assert.StartsWith("4201", c.Code, StringComparison.Ordinal));
        var baocheng = Assert.Single(communities, c => c.Code == Baocheng);
        Assert.Equal(("保成社区", "江岸区", Stage.InProgress, true), (baocheng.Name, baocheng.County, baocheng.Stage, baocheng.WasPilot));
        Assert.Equal(communities.OrderBy(c => c.Code, StringComparer.Ordinal).Select(c => c.Code), communities.Select(c => c.Code));
    }

    [Theory]
    [InlineData(YichangCommunity, "420500")]
    [InlineData(Baocheng, Wuhan)]
    [InlineData("420102999999", null)]
    public async Task LocalityOf_Code_GivesItsLocalityOrNull(string code, string? locality)
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();

        // Act
        var found = await new CommunityQueries(store.Database).LocalityOfAsync(code, Ct);

        // Assert
        Assert.Equal(locality, found);
    }

    private static CommunityUpdate Update(string community, Stage stage, int year, int month, int day) =>
        new(community, stage, new DateOnly(year, month, day), new Dictionary<int, double>());

    private static ReportSubmission Monthly(CommunityUpdate update) =>
        new(Wuhan, ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), "武汉市住房和城乡建设局", null, [update]);
}
