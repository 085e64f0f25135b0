using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reporting;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.Reports;

public sealed class ComplianceQueriesTests
{
    private const string Wuhan = "420100";
    private const string Yichang = "420500";

    private static readonly TimeSpan s_china = TimeSpan.FromHours(8);

    [Fact]
    public async Task FirstReceipts_TwoReportsForAMonth_TheEarliestWinsWhateverTheOrderStored()
    {
        // Arrange: the late one is stored first.
        await using var store = await TestStore.CreateAsync();
        await SendAsync(store, Wuhan, ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), new DateTimeOffset(2022, 5, 27, 9, 0, 0, s_china));
        await SendAsync(store, Wuhan, ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), new DateTimeOffset(2022, 5, 24, 9, 0, 0, s_china));

        // Act
        var receipts = await new ComplianceQueries(store.Database).FirstReceiptsAsync(ChinaTime.StartOfDay(new DateOnly(2022, 6, 1)), TestContext.Current.CancellationToken);

        // Assert
        var receipt = Assert.Single(receipts);
        Assert.Equal(new FirstReceipt(Wuhan, ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), new DateTimeOffset(2022, 5, 24, 1, 0, 0, TimeSpan.Zero)), receipt);
    }

    [Fact]
    public async Task FirstReceipts_ReportTheProvinceSentUnderALocalitysCode_DoesNotCountAsTheLocalitys()
    {
        // Arrange: the province's acceptance round for Yichang on the 20th; Yichang's own report only on the 28th.
        await using var store = await TestStore.CreateAsync();
        await SendAsync(store, Yichang, ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), new DateTimeOffset(2022, 5, 20, 9, 0, 0, s_china), SubmitterScope.Province);
        await SendAsync(store, Yichang, ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), new DateTimeOffset(2022, 5, 28, 9, 0, 0, s_china));

        // Act
        var beforeOwn = await new ComplianceQueries(store.Database).FirstReceiptsAsync(ChinaTime.StartOfDay(new DateOnly(2022, 5, 27)), TestContext.Current.CancellationToken);
        var afterOwn = await new ComplianceQueries(store.Database).FirstReceiptsAsync(ChinaTime.StartOfDay(new DateOnly(2022, 6, 1)), TestContext.Current.CancellationToken);

        // Assert
        Assert.Empty(beforeOwn);
        Assert.Equal(new DateTimeOffset(2022, 5, 28, 9, 0, 0, s_china), Assert.Single(afterOwn).ReceivedAt);
    }

    [Fact]
    public async Task FirstReceipts_CutOff_IsExclusiveAndComparedAsAnInstant()
    {
        // Arrange: the annual report at the last second of 30 November in China (15:59:59 UTC).
        await using var store = await TestStore.CreateAsync();
        var lastSecond = new DateTimeOffset(2022, 11, 30, 23, 59, 59, s_china);
        await SendAsync(store, Wuhan, ReportKind.Annual, ReportPeriod.OfYear(2022), lastSecond);
        var queries = new ComplianceQueries(store.Database);

        // Act
        var atThatMoment = await queries.FirstReceiptsAsync(lastSecond, TestContext.Current.CancellationToken);
        var endOfDay = await queries.FirstReceiptsAsync(ChinaTime.StartOfDay(new DateOnly(2022, 12, 1)), TestContext.Current.CancellationToken);
        var sameInstantInUtc = await queries.FirstReceiptsAsync(new DateTimeOffset(2022, 11, 30, 16, 0, 0, TimeSpan.Zero), TestContext.Current.CancellationToken);

        // Assert
        Assert.Empty(atThatMoment);
        Assert.Equal(ReportKind.Annual, Assert.Single(endOfDay).Kind);
        Assert.Single(sameInstantInUtc);
    }

    [Fact]
    public async Task FirstReceipts_AllLocalitiesInOneAnswer_EachKindAndPeriodApart()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        await SendAsync(store, Wuhan, ReportKind.Plan, ReportPeriod.OfYear(2021), new DateTimeOffset(2021, 9, 29, 9, 0, 0, s_china));
        await SendAsync(store, Wuhan, ReportKind.Monthly, ReportPeriod.OfMonth(2021, 9), new DateTimeOffset(2021, 9, 29, 10, 0, 0, s_china));
        await SendAsync(store, Yichang, ReportKind.Monthly, ReportPeriod.OfMonth(2021, 9), new DateTimeOffset(2021, 9, 26, 10, 0, 0, s_china));

        // Act
        var receipts = await new ComplianceQueries(store.Database).FirstReceiptsAsync(ChinaTime.StartOfDay(new DateOnly(2021, 10, 1)), TestContext.Current.CancellationToken);
        var board = ComplianceBoard.Build(TestStore.Campaign, new DateOnly(2021, 9, 30), [Wuhan, Yichang], receipts);

        // Assert
        Assert.Equal(3, receipts.Count);
        Assert.Equal(ComplianceState.OnTime, board.For(Wuhan)![ReportDuty.Plan(2021)].State);
        Assert.Equal((ComplianceState.Late, 4), (board.For(Wuhan)![ReportDuty.Monthly(2021, 9)].State, board.For(Wuhan)![ReportDuty.Monthly(2021, 9)].Days));
        Assert.Equal((ComplianceState.Late, 1), (board.For(Yichang)![ReportDuty.Monthly(2021, 9)].State, board.For(Yichang)![ReportDuty.Monthly(2021, 9)].Days));
        Assert.Equal(ComplianceState.Due, board.For(Yichang)![ReportDuty.Plan(2021)].State);
    }

    private static async Task SendAsync(TestStore store, string locality, ReportKind kind, ReportPeriod period, DateTimeOffset receivedAt, SubmitterScope? scope = null)
    {
        var report = new ReportSubmission(locality, kind, period, "测试", "报送情况", []);
        var outcome = await store.Writer.SubmitAsync(report, scope ?? SubmitterScope.ForLocality(locality), receivedAt, TestContext.Current.CancellationToken);
        Assert.True(outcome.IsStored, string.Join("; ", outcome.Errors.ToDictionary().SelectMany(e => e.Value)));
    }
}
