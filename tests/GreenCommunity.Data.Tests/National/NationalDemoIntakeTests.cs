using Dapper;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Tests.Progress;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.National;

/// <summary>The bulk history against the intake: the same plan sent through <see cref="ReportWriter"/> must leave the very same rows.</summary>
public sealed class NationalDemoIntakeTests
{
    /// <summary>Mid-January 2024: the campaign, a year of long-term reporting and six acceptance rounds after it.</summary>
    private static readonly DateTimeOffset s_now = new(2024, 1, 15, 12, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Write_OneProvince_LeavesWhatTheIntakeLeavesForTheSameReports()
    {
        // Arrange: Ningxia (5 prefecture-level units, 657 communities) in two stores
        await using var bulk = await NationalTestStore.CreateAsync("64");
        await using var intake = await NationalTestStore.CreateAsync("64");
        var plan = NationalDemoPlan.Create(await intake.History(s_now).ReadLocalitiesAsync(TestContext.Current.CancellationToken), TestStore.Campaign, 2021, s_now);

        // Act
        var counts = await bulk.History(s_now).WriteAsync(2021, TestContext.Current.CancellationToken);
        using (var writer = new ReportWriter(intake.Database, TestStore.Campaign))
        {
            foreach (var planned in plan)
            {
                var outcome = await writer.SubmitAsync(planned.Report, new ReportReceipt(planned.Scope, planned.ReceivedAt, ReportId: planned.ReportId), TestContext.Current.CancellationToken);
                Assert.True(outcome.IsStored, $"{planned.Report.Locality} {planned.Report.Period}: {string.Join("; ", outcome.Errors.ToDictionary().Select(e => e.Key + " " + string.Join(" ", e.Value)))}");
            }
        }
        var expected = await intake.DumpAsync();
        var actual = await bulk.DumpAsync();

        // Assert: table by table, row by row (the first difference is the message)
        Assert.Equal(plan.Count, counts.Reports);
        Assert.True(counts.CommunitiesAccepted > 0 && counts.StageEvents > counts.CommunitiesStarted && counts.Assessments > 16 * counts.CommunitiesStarted);
        foreach (var (table, rows) in expected)
        {
            Assert.True(rows.Count > 0, table);
            Assert.Equal(rows.Count, actual[table].Count);
            var difference = rows.Zip(actual[table]).FirstOrDefault(p => p.First != p.Second);
            Assert.True(difference == default, $"{table}: the intake wrote\n{difference.First}\nthe bulk history\n{difference.Second}");
        }
    }

    [Fact]
    public async Task Write_ThenAReport_TheIntakeContinuesAfterTheBulkRows()
    {
        // Arrange
        await using var store = await NationalTestStore.CreateAsync("54");
        var counts = await store.History().WriteAsync(2021, TestContext.Current.CancellationToken);
        await using var connection = await store.Database.OpenAsync(TestContext.Current.CancellationToken);
        var (community, locality) = await connection.QueryFirstAsync<(string, string)>(
            "SELECT c.code, c.locality_code FROM communities c JOIN community_state s ON s.community_code = c.code WHERE s.stage = 0 ORDER BY c.code");
        var receivedAt = NationalTestStore.Now.AddHours(1);
        var report = new ReportSubmission(locality, ReportKind.Monthly, ReportPeriod.OfMonth(2026, 11), "测试", null,
            [new CommunityUpdate(community, Stage.InProgress, ChinaTime.DateAt(receivedAt), new Dictionary<int, double> { [12] = 0.5 })]);

        // Act
        using var writer = new ReportWriter(store.Database, TestStore.Campaign);
        var outcome = await writer.SubmitAsync(report, new ReportReceipt(SubmitterScope.ForLocality(locality), receivedAt), TestContext.Current.CancellationToken);
        var state = await connection.QuerySingleAsync<(long Stage, long EventId, long LastReport, double C12)>(
            "SELECT stage, event_id, last_report, c12 FROM community_state WHERE community_code = @community", new { community });
        var assessment = await connection.ExecuteScalarAsync<long>("SELECT MAX(id) FROM criterion_assessments");

        // Assert: ids go on from the bulk rows' (PostgreSQL's identity sequences were moved past them)
        Assert.True(outcome.IsStored);
        Assert.Equal(counts.Reports + 1, outcome.Stored!.Sequence);
        Assert.Equal((2L, counts.StageEvents + 1L, counts.Reports + 1L, 0.5), state);
        Assert.Equal(counts.Assessments + 1L, assessment);
    }

    [Fact]
    public async Task Write_TwoProvincesThenABackDatedReport_MovesItsCountyProvinceAndTheCountryAsAFullRebuildWould()
    {
        // Arrange: Tibet and Ningxia, so the country is the root above both
        var ct = TestContext.Current.CancellationToken;
        await using var store = await NationalTestStore.CreateAsync("54", "64");
        await store.History().WriteAsync(2021, ct);
        await using var connection = await store.Database.OpenAsync(ct);
        var (community, locality) = await connection.QueryFirstAsync<(string, string)>(
            "SELECT c.code, c.locality_code FROM communities c JOIN community_state s ON s.community_code = c.code WHERE s.stage = 0 AND c.code LIKE '64%' ORDER BY c.code");
        var before = await RegionTimelineAssert.RowsAsync(store.Database);
        var receivedAt = NationalTestStore.Now.AddHours(1);
        var report = new ReportSubmission(locality, ReportKind.Monthly, ReportPeriod.OfMonth(2026, 11), "测试", null,
            [new CommunityUpdate(community, Stage.Pilot, new DateOnly(2022, 3, 9), new Dictionary<int, double>())]);

        // Act
        using var writer = new ReportWriter(store.Database, TestStore.Campaign);
        var outcome = await writer.SubmitAsync(report, new ReportReceipt(SubmitterScope.ForLocality(locality), receivedAt), ct);

        // Assert: one more pilot from 2022-03-09 on in Ningxia and the country, none in Tibet
        Assert.True(outcome.IsStored);
        var after = await RegionTimelineAssert.RowsAsync(store.Database);
        Assert.Equal(await RegionTimelineAssert.RebuiltRowsAsync(store.Database), after);
        Assert.Equal(before.Where(r => r.Code.StartsWith("54", StringComparison.Ordinal)), after.Where(r => r.Code.StartsWith("54", StringComparison.Ordinal)));
        var country = after.Where(r => r.Level == Domain.Regions.RegionLevel.Country).ToList();
        var countryBefore = before.Where(r => r.Level == Domain.Regions.RegionLevel.Country).ToList();
        Assert.Equal(countryBefore.Last().Figures.Pilot + 1, country.Last().Figures.Pilot);
        Assert.Contains(country, r => r.Day == "2022-03-09");
        await RegionTimelineAssert.AssertEqualsOracleAsync(store.Database, new DateOnly(2022, 3, 9));
    }

    [Fact]
    public async Task Write_SameSeed_SameHistory_OtherSeed_OtherHistory()
    {
        // Arrange
        await using var first = await NationalTestStore.CreateAsync("54");
        await using var second = await NationalTestStore.CreateAsync("54");
        await using var other = await NationalTestStore.CreateAsync("54");

        // Act
        await first.History().WriteAsync(7, TestContext.Current.CancellationToken);
        await second.History().WriteAsync(7, TestContext.Current.CancellationToken);
        await other.History().WriteAsync(8, TestContext.Current.CancellationToken);
        var (a, b, c) = (await first.DumpAsync(), await second.DumpAsync(), await other.DumpAsync());

        // Assert
        foreach (var table in a.Keys)
        {
            Assert.Equal(a[table], b[table]);
        }
        Assert.NotEqual(a["stage_events"], c["stage_events"]);
        Assert.NotEqual(a["reports"], c["reports"]);
    }

    [Fact]
    public async Task Write_StoreWithAHistory_IsRefusedAndWritesNothing()
    {
        // Arrange
        await using var store = await NationalTestStore.CreateAsync("54");
        await store.History().WriteAsync(2021, TestContext.Current.CancellationToken);
        var before = await store.DumpAsync();

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.History().WriteAsync(2022, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("already has a history", error.Message, StringComparison.Ordinal);
        var after = await store.DumpAsync();
        Assert.All(before, table => Assert.Equal(table.Value, after[table.Key]));
    }

    [Fact]
    public async Task Write_StoreWithoutCommunities_IsRefused()
    {
        // Arrange
        await using var store = await NationalTestStore.CreateAsync();

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.History().WriteAsync(2021, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("load the reference data first", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.CountAsync("reports"));
    }
}
