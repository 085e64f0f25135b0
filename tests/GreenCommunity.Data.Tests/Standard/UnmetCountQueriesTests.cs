using GreenCommunity.Data.Standard;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.Standard;

public sealed class UnmetCountQueriesTests
{
    private const string Wuhan = "420100";
    private const string Yichang = "420500";

    [Fact]
    public async Task StartedWithUnmet_CountsPilotsAndInProgressMissingACriterionPerLocality()
    {
        // Arrange: in Wuhan one community meets all 16 criteria, one pilot meets one; in Yichang one has none assessed.
        await using var store = await TestStore.CreateAsync();
        var received = new DateTimeOffset(2022, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));
        var all = Enumerable.Range(1, 16).ToDictionary(n => n, _ => 1.0);
        await SendAsync(store, Wuhan, received,
            new CommunityUpdate("420102002003", Stage.InProgress, new DateOnly(2022, 5, 10), all),
            new CommunityUpdate("420102002004", Stage.Pilot, new DateOnly(2022, 5, 10), new Dictionary<int, double> { [1] = 1 }));
        await SendAsync(store, Yichang, received,
            new CommunityUpdate("420502001001", Stage.InProgress, new DateOnly(2022, 5, 10), new Dictionary<int, double>()));

        // Act
        var counts = await new UnmetCountQueries(store.Database).StartedWithUnmetAsync(TestContext.Current.CancellationToken);

        // Assert: not-started communities (all the others) are not counted.
        Assert.Equal(new Dictionary<string, int> { [Wuhan] = 1, [Yichang] = 1 }, counts);
    }

    private static async Task SendAsync(TestStore store, string locality, DateTimeOffset receivedAt, params CommunityUpdate[] updates)
    {
        var report = new ReportSubmission(locality, ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), "测试", null, updates);
        var outcome = await store.Writer.SubmitAsync(report, SubmitterScope.ForLocality(locality), receivedAt, TestContext.Current.CancellationToken);
        Assert.True(outcome.IsStored, string.Join("; ", outcome.Errors.ToDictionary().SelectMany(e => e.Value)));
    }
}
