using Dapper;
using GreenCommunity.Data.Communities;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.Communities;

public sealed class CommunityRecordQueriesTests
{
    private const string Wuhan = "420100";
    private const string Baocheng = "420102002003";   // 保成社区, 江岸区, 武汉市
    private const string Neighbour = "420102002004";
    private const string Xiantao = "429004";

    private static readonly DateTimeOffset s_received = new(2022, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CriterionHistory_AsOf_GivesOnlyAssessmentsEffectiveByThatDayEachWithItsReport()
    {
        // Arrange: April assesses criteria 1 and 12 unmet, May meets both
        await using var store = await TestStore.CreateAsync();
        var april = await SubmitAsync(store, Update(Baocheng, Stage.Pilot, new(2022, 4, 1), (1, 0), (12, 0.2)), s_received);
        var may = await SubmitAsync(store, Update(Baocheng, null, new(2022, 5, 1), (1, 1), (12, 0.35)), s_received.AddHours(1));
        var queries = new CommunityRecordQueries(store.Database);

        // Act
        var inApril = await queries.CriterionHistoryAsync(Baocheng, new DateOnly(2022, 4, 30), Ct);
        var inMay = await queries.CriterionHistoryAsync(Baocheng, new DateOnly(2022, 5, 1), Ct);

        // Assert
        Assert.Equal([(1, 0.0, false, april), (12, 0.2, false, april)], inApril.Select(a => (a.Criterion, a.Value, a.Met, a.ReportId)));
        Assert.Equal([(1, 0.0, april), (1, 1.0, may), (12, 0.2, april), (12, 0.35, may)], inMay.Select(a => (a.Criterion, a.Value, a.ReportId)));
        Assert.All(inMay.Where(a => a.ReportId == may), a => Assert.True(a.Met));
        Assert.Equal(new DateOnly(2022, 5, 1), inMay[1].Effective);
    }

    [Fact]
    public async Task CriterionHistory_TwoReportsOnTheSameDay_PutsTheLaterReceiptLastAsTheStateOnThatDayHasIt()
    {
        // Arrange: the later receipt is sent first in time of effect but received second
        await using var store = await TestStore.CreateAsync();
        var day = new DateOnly(2022, 5, 1);
        var first = await SubmitAsync(store, Update(Baocheng, Stage.InProgress, day, (12, 0.5)), s_received);
        var second = await SubmitAsync(store, Update(Baocheng, null, day, (12, 0.25)), s_received.AddMinutes(5));
        var queries = new CommunityRecordQueries(store.Database);

        // Act
        var history = await queries.CriterionHistoryAsync(Baocheng, day, Ct);

        // Assert
        Assert.Equal([first, second], history.Select(a => a.ReportId));
        var state = await new CommunityQueries(store.Database).GetAsync(Baocheng, day, Ct);
        Assert.Equal(history[^1].Value, state!.Criteria[12]);
        Assert.False(history[^1].Met);
    }

    [Fact]
    public async Task ReportsTouching_AsOf_ListsEachReportOnceWithWhatItChangedAndNothingLater()
    {
        // Arrange: a stage only, criteria and a stage, criteria only; a report about a neighbour; a report effective later
        await using var store = await TestStore.CreateAsync();
        var pilot = await SubmitAsync(store, Update(Baocheng, Stage.Pilot, new(2022, 3, 1)), s_received);
        var both = await SubmitAsync(store, Update(Baocheng, Stage.InProgress, new(2022, 4, 1), (1, 1), (2, 0), (12, 0.4)), s_received.AddHours(1));
        var criteriaOnly = await SubmitAsync(store, Update(Baocheng, null, new(2022, 4, 20), (2, 1)), s_received.AddHours(2));
        await SubmitAsync(store, Update(Neighbour, Stage.Pilot, new(2022, 4, 1)), s_received.AddHours(3));
        await SubmitAsync(store, Update(Baocheng, null, new(2022, 5, 10), (3, 1)), s_received.AddHours(4));
        var queries = new CommunityRecordQueries(store.Database);

        // Act
        var touching = await queries.ReportsTouchingAsync(Baocheng, new DateOnly(2022, 4, 30), Ct);

        // Assert
        Assert.Equal(
            [(pilot, new DateOnly(2022, 3, 1), (Stage?)Stage.Pilot, 0), (both, new DateOnly(2022, 4, 1), Stage.InProgress, 3), (criteriaOnly, new DateOnly(2022, 4, 20), null, 1)],
            touching.Select(t => (t.ReportId, t.Effective, t.Stage, t.CriteriaAssessed)));
        Assert.All(touching, t => Assert.Equal(("monthly", "2022-05", false), (t.Kind, t.Period, t.ByProvince)));
    }

    [Fact]
    public async Task ReportsTouching_BeforeTheFirstReport_IsEmpty()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        await SubmitAsync(store, Update(Baocheng, Stage.Pilot, new(2022, 3, 1)), s_received);
        var queries = new CommunityRecordQueries(store.Database);

        // Act
        var touching = await queries.ReportsTouchingAsync(Baocheng, new DateOnly(2022, 2, 28), Ct);
        var criteria = await queries.CriterionHistoryAsync(Baocheng, new DateOnly(2022, 2, 28), Ct);

        // Assert
        Assert.Empty(touching);
        Assert.Empty(criteria);
    }

    [Fact]
    public async Task Places_Codes_GivesTownCountyAndLocalityAndLeavesUnknownCodesOut()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        var queries = new CommunityRecordQueries(store.Database);
        await using var connection = await store.Database.OpenAsync(Ct);
        var xiantaoCommunity = await connection.ExecuteScalarAsync<string>("SELECT MIN(code) FROM communities WHERE county_code = @Xiantao", new { Xiantao });

        // Act
        var places = await queries.PlacesAsync([Baocheng, "420102999999", xiantaoCommunity!, Baocheng], Ct);

        // Assert
        Assert.Equal(2, places.Count);
        var baocheng = places[Baocheng];
        Assert.Equal(("保成社区", "420102", "江岸区", Wuhan, "武汉市"), (baocheng.Name, baocheng.CountyCode, baocheng.CountyName, baocheng.LocalityCode, baocheng.LocalityName));
        Assert.False(string.IsNullOrWhiteSpace(baocheng.Town));
        Assert.False(string.IsNullOrWhiteSpace(baocheng.LocalityNameEn));
        // A province-administered unit is its own locality and its own county-level unit.
        Assert.Equal((Xiantao, Xiantao), (places[xiantaoCommunity!].CountyCode, places[xiantaoCommunity!].LocalityCode));
        Assert.Null(await queries.PlaceAsync("420102999999", Ct));
    }

    private static async Task<string> SubmitAsync(TestStore store, CommunityUpdate update, DateTimeOffset receivedAt)
    {
        var outcome = await store.Writer.SubmitAsync(
            new ReportSubmission(Wuhan, ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), "武汉市住房和城乡建设局", null, [update]),
            SubmitterScope.ForLocality(Wuhan), receivedAt, Ct);
        Assert.True(outcome.IsStored, string.Join("; ", outcome.Errors.Problems.Select(p => $"{p.Path} {p.Code}")));
        return outcome.Stored!.ReportId;
    }

    private static CommunityUpdate Update(string community, Stage? stage, DateOnly effective, params (int Number, double Value)[] criteria) =>
        new(community, stage, effective, criteria.ToDictionary(c => c.Number, c => c.Value));
}
