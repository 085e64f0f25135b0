using Dapper;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.Demo;

public sealed class DemoHistoryTests(DemoStoreFixture fixture) : IClassFixture<DemoStoreFixture>
{
    private TestStore Store => fixture.Store;

    [Fact]
    public async Task Play_DefaultSeed_SpansTheCampaignMonthByMonth()
    {
        // Arrange
        await using var connection = await Store.Database.OpenAsync(TestContext.Current.CancellationToken);

        // Act
        var periods = (await connection.QueryAsync<string>("SELECT DISTINCT period FROM reports WHERE kind = 'monthly' ORDER BY period")).ToList();
        var kinds = (await connection.QueryAsync<string>("SELECT DISTINCT kind FROM reports ORDER BY kind")).ToList();
        var localities = await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT locality_code) FROM reports");

        // Assert: the campaign's 19 months (2021-06 to 2022-12), then the long-term reporting up to the fixture's November 2026.
        Assert.Equal(19 + 47, periods.Count);
        Assert.Equal("2021-06", periods[0]);
        Assert.Contains("2022-12", periods);
        Assert.Equal("2026-11", periods[^1]);
        Assert.Equal(["annual", "monthly", "plan"], kinds);
        Assert.Equal(17, localities);
        Assert.Equal(Store.Initialization!.DemoReports, await Store.CountAsync("reports"));
    }

    [Fact]
    public async Task Play_DefaultSeed_HasLateAndMissingMonthlyReports()
    {
        // Arrange
        await using var connection = await Store.Database.OpenAsync(TestContext.Current.CancellationToken);

        // Act
        const string CampaignMonths = "period <= '2022-12' AND length(period) = 7";
        var late = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM reports WHERE submitter_scope <> 'province' AND on_time = 0 AND {CampaignMonths}");
        var sent = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM reports WHERE submitter_scope <> 'province' AND kind = 'monthly' AND {CampaignMonths}");

        // Assert: 17 localities x 19 months were due; some never came, some came late.
        Assert.InRange(sent, 17 * 19 - 60, 17 * 19 - 1);
        Assert.InRange(late, 5, 150);
    }

    [Fact]
    public async Task Play_DefaultSeed_StoresTheRawReportBodies()
    {
        // Arrange
        await using var connection = await Store.Database.OpenAsync(TestContext.Current.CancellationToken);

        // Act
        var body = await connection.ExecuteScalarAsync<string>("SELECT body FROM reports WHERE kind = 'monthly' AND applied > 0 ORDER BY id LIMIT 1");
        var events = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM stage_events e LEFT JOIN reports r ON r.id = e.report WHERE r.id IS NULL");

        // Assert
        Assert.Contains("\"updates\":[{\"community\":\"42", body, StringComparison.Ordinal);
        Assert.Equal(0, events);
    }

    [Theory]
    [InlineData("pilots")]
    [InlineData("started_30")]
    [InlineData("accepted_60")]
    public async Task Play_DefaultSeed_SomeLocalitiesMissEachMilestoneAndOthersMeetIt(string key)
    {
        // Arrange
        var milestone = TestStore.Campaign.Milestones.Single(m => m.Key == key);

        // Act
        var province = await Store.Progress.GetProvinceAsync(milestone.Due, TestContext.Current.CancellationToken);
        var met = province.Children.Count(l => milestone.IsMet(l.Figures));

        // Assert
        Assert.Equal(17, province.Children.Count);
        Assert.InRange(met, 1, 16);
    }

    [Fact]
    public void Plan_SameSeed_IsTheSame()
    {
        // Arrange
        var localities = new[] { new DemoLocality("420100", "武汉市", Enumerable.Range(1, 200).Select(i => $"420102{i:D6}").ToList()) };

        // Act
        var first = DemoCampaignPlan.Create(localities, TestStore.Campaign, 7, DemoStoreFixture.Now).Select(Describe).ToList();
        var second = DemoCampaignPlan.Create(localities, TestStore.Campaign, 7, DemoStoreFixture.Now).Select(Describe).ToList();
        var other = DemoCampaignPlan.Create(localities, TestStore.Campaign, 8, DemoStoreFixture.Now).Select(Describe).ToList();

        // Assert
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    private static string Describe(PlannedReport r) => $"{r.ReportId} {r.ReceivedAt:O} {ReportJson.Serialize(r.Report)}";
}
