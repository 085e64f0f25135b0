using Dapper;
using GreenCommunity.Data.Communities;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Tests.Progress;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Data.Tests.National;

/// <summary>Two provinces (Hubei, 5,222 communities in 14 prefecture-level units; Tibet, 273 in 7) with the national demo history up to the fixture's now.</summary>
public sealed class NationalDemoFixture : IAsyncLifetime
{
    public NationalTestStore Store { get; private set; } = null!;

    public NationalDemoCounts Counts { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Store = await NationalTestStore.CreateAsync("42", "54");
        Counts = await Store.History().WriteAsync(2021, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}

public sealed class NationalDemoHistoryTests(NationalDemoFixture fixture) : IClassFixture<NationalDemoFixture>
{
    private static readonly DateOnly s_today = ChinaTime.DateAt(NationalTestStore.Now);

    private NationalTestStore Store => fixture.Store;

    [Fact]
    public async Task AsOfToday_EveryCounty_EqualsThePresent()
    {
        // Arrange
        var progress = new ProgressQueries(Store.Database);

        // Act
        var history = await progress.GetByCountyAsOfAsync(s_today, TestContext.Current.CancellationToken);
        var present = await progress.GetCurrentByCountyAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(present.Keys.Order(StringComparer.Ordinal), history.Keys.Order(StringComparer.Ordinal));
        Assert.All(present, county => Assert.Equal(county.Value, history[county.Key]));
        Assert.True(present.Values.Sum(f => f.Accepted) > 0);
    }

    [Fact]
    public async Task AsOf_MonthEndsAndRandomDays_TheCountyTimelineEqualsTheWindowOverTheHistory()
    {
        // Arrange: the timeline the demo history wrote in bulk
        var progress = new ProgressQueries(Store.Database);
        var ct = TestContext.Current.CancellationToken;
        var prefecture = await progress.GetByCountyAsOfAsync(new DateOnly(2022, 6, 30), ["540102", "540103", "540104"], ct);   // Lhasa's districts

        foreach (var day in WindowOracle.Days(s_today, random: 20, seed: 2026))
        {
            // Act
            var timeline = await progress.GetByCountyAsOfAsync(day, ct);

            // Assert
            var expected = await WindowOracle.ByCountyAsync(Store.Database, day, ct);
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), timeline.Keys.Order(StringComparer.Ordinal));
            Assert.All(expected, county => Assert.True(county.Value == timeline[county.Key], $"{county.Key} on {day}: {timeline[county.Key]}, the history says {county.Value}"));
        }
        var lhasa = await WindowOracle.ByCountyAsync(Store.Database, new DateOnly(2022, 6, 30), ct);
        Assert.Equal(lhasa.Where(c => prefecture.ContainsKey(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal),
            prefecture.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.NotEmpty(prefecture);
    }

    [Fact]
    public async Task RegionTimeline_MonthEndsAndRandomDays_EveryRegionAndTheCountryEqualTheSumsOfTheWindowOverTheHistory()
    {
        foreach (var day in WindowOracle.Days(s_today, random: 10, seed: 2016))
        {
            await RegionTimelineAssert.AssertEqualsOracleAsync(Store.Database, day);
        }
        var rows = await RegionTimelineAssert.RowsAsync(Store.Database);
        Assert.Equal(await RegionTimelineAssert.RebuiltRowsAsync(Store.Database), rows);
        Assert.Equal(5222 + 273, rows.Single(r => r is { Level: Domain.Regions.RegionLevel.Country, Day: CountyTimeline.BaseDay }).Figures.Communities);
    }

    [Fact]
    public async Task GetSummary_CountryProvincesPrefecturesAndCounties_EqualsTheRegionAndItsChildrenReadFromTheCounties()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var progress = new ProgressReader(new ProgressQueries(Store.Database), new GreenCommunity.Data.Reference.RegionQueries(Store.Database), new PresentDay(new FixedClock(NationalTestStore.Now)));
        DateOnly?[] days = [new DateOnly(2021, 12, 31), new DateOnly(2023, 7, 15), s_today.AddDays(-1), s_today];

        foreach (var day in days)
        {
            foreach (var code in new[] { Domain.Regions.RegionTree.CountryCode, "540000", "420000", "540100", "429004", "540102" })
            {
                // Act
                var summary = await progress.GetSummaryAsync(code, day, ct);

                // Assert
                Assert.Equal(RegionTimelineAssert.Shallow((await progress.GetRegionAsync(code, day, ct))!), RegionTimelineAssert.Shallow(summary!));
            }
        }
        var country = await progress.GetSummaryAsync(Domain.Regions.RegionTree.CountryCode, new DateOnly(2023, 7, 15), ct);
        Assert.Equal(["420000", "540000"], country!.Children.Select(c => c.Region.Code));
        Assert.True(country.Figures.Started > 0);
    }

    [Fact]
    public async Task AsOfMilestones_BothProvinces_FollowTheCampaign()
    {
        // Arrange
        var progress = new ProgressQueries(Store.Database);
        var ct = TestContext.Current.CancellationToken;

        // Act
        var start = Total(await progress.GetByCountyAsOfAsync(new DateOnly(2021, 5, 31), ct));
        var mid2022 = Total(await progress.GetByCountyAsOfAsync(new DateOnly(2022, 6, 30), ct));
        var end2022 = Total(await progress.GetByCountyAsOfAsync(new DateOnly(2022, 12, 31), ct));
        var end2024 = Total(await progress.GetByCountyAsOfAsync(new DateOnly(2024, 12, 31), ct));
        var now = Total(await progress.GetCurrentByCountyAsync(ct));

        // Assert: about 30% started by mid-2022, about 60% by the end of 2022, acceptances rising after the campaign
        Assert.Equal(0, start.Started);
        Assert.InRange(mid2022.StartedRate, 0.25, 0.36);
        Assert.InRange(end2022.StartedRate, 0.52, 0.68);
        Assert.InRange(end2022.AcceptedRate, 0.10, end2022.StartedRate - 0.1);
        Assert.True(end2024.AcceptedRate > end2022.AcceptedRate + 0.2, $"{end2024.AcceptedRate} after {end2022.AcceptedRate}");
        Assert.True(now.Accepted >= end2024.Accepted && now.Started >= end2024.Started);
        Assert.InRange(now.StartedRate, 0.8, 0.97);
    }

    [Fact]
    public async Task AsOfEndOf2021_EveryPrefecture_HasItsPilots()
    {
        // Arrange
        var progress = new ProgressQueries(Store.Database);
        await using var connection = await Store.Database.OpenAsync(TestContext.Current.CancellationToken);
        var prefectureOf = (await connection.QueryAsync<(string County, string Prefecture)>("SELECT code, parent_code FROM regions WHERE level = 3"))
            .ToDictionary(r => r.County, r => r.Prefecture);

        // Act
        var pilots = (await progress.GetByCountyAsOfAsync(new DateOnly(2021, 12, 31), TestContext.Current.CancellationToken))
            .GroupBy(c => prefectureOf[c.Key], c => c.Value.PilotsEver).ToDictionary(g => g.Key, g => g.Sum());

        // Assert: the first milestone, 1–2 pilots per prefecture-level unit
        Assert.Equal(21, pilots.Count);
        Assert.All(pilots.Values, count => Assert.InRange(count, 1, 2));
    }

    [Fact]
    public async Task CommunityList_EachPrefectureAndStage_ReconcilesWithTheCountyFigures()
    {
        // Arrange
        var list = new CommunityListQuery(Store.Database, new PresentDay(new FixedClock(NationalTestStore.Now)));
        var counties = await new ProgressQueries(Store.Database).GetCurrentByCountyAsync(TestContext.Current.CancellationToken);
        await using var connection = await Store.Database.OpenAsync(TestContext.Current.CancellationToken);
        var prefectures = (await connection.QueryAsync<(string County, string Prefecture)>("SELECT code, parent_code FROM regions WHERE level = 3"))
            .Where(r => counties.ContainsKey(r.County)).GroupBy(r => r.Prefecture, r => counties[r.County])
            .ToDictionary(g => g.Key, g => g.Aggregate(ProgressFigures.Empty, (sum, f) => sum.Add(f)));

        // Act and Assert
        var all = await list.GetPageAsync(new CommunityListFilter(), 1, 50, TestContext.Current.CancellationToken);
        Assert.Equal(counties.Values.Sum(f => f.Communities), all.Total);
        foreach (var (prefecture, figures) in prefectures)
        {
            foreach (var (stage, expected) in new[] { (Stage.NotStarted, figures.NotStarted), (Stage.Pilot, figures.Pilot), (Stage.InProgress, figures.InProgress), (Stage.Accepted, figures.Accepted) })
            {
                var page = await list.GetPageAsync(new CommunityListFilter { Locality = prefecture, Stages = [stage] }, 1, 10, TestContext.Current.CancellationToken);
                Assert.True(expected == page.Total, $"{prefecture} {stage}: {page.Total} listed, {expected} counted");
                Assert.All(page.Items, row => Assert.Equal(stage, row.Stage));
            }
            var pilots = await list.GetPageAsync(new CommunityListFilter { Locality = prefecture, EverPilot = true }, 1, 10, TestContext.Current.CancellationToken);
            Assert.Equal(figures.PilotsEver, pilots.Total);
        }
    }

    [Fact]
    public async Task CommunityList_AcceptedCommunities_MeetEveryCriterionAndNameTheirLastReport()
    {
        // Arrange
        var list = new CommunityListQuery(Store.Database, new PresentDay(new FixedClock(NationalTestStore.Now)));

        // Act
        var accepted = await list.GetAllAsync(new CommunityListFilter { Stages = [Stage.Accepted] }, TestContext.Current.CancellationToken);
        var unmet = await list.GetPageAsync(new CommunityListFilter { Stages = [Stage.Accepted], AnyUnmet = true }, 1, 10, TestContext.Current.CancellationToken);
        var lowShare = await list.GetPageAsync(new CommunityListFilter { Stages = [Stage.Accepted], C12Below = 0.3 }, 1, 10, TestContext.Current.CancellationToken);
        var notStarted = await list.GetPageAsync(new CommunityListFilter { Stages = [Stage.NotStarted] }, 1, 10, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(fixture.Counts.CommunitiesAccepted, accepted.Count);
        Assert.All(accepted, row =>
        {
            Assert.Equal(16, row.CriteriaMet);
            Assert.NotNull(row.LastReport);
            Assert.True(row.Since <= s_today && row.Since >= new DateOnly(2021, 12, 27));
        });
        Assert.Equal(0, unmet.Total);
        Assert.Equal(0, lowShare.Total);
        Assert.All(notStarted.Items, row => Assert.True(row.LastReport is null && row.Since is null && row.CriteriaMet == 0));
    }

    [Fact]
    public async Task Reports_EveryPrefecture_ReportsOnceAMonthFromTheCampaignsStart()
    {
        // Arrange
        await using var connection = await Store.Database.OpenAsync(TestContext.Current.CancellationToken);
        var months = TestStore.Campaign.MonthsUntil(s_today).Select(m => m.ToString()).ToList();

        // Act
        var own = (await connection.QueryAsync<(string Locality, string Period, long Count)>(
            "SELECT locality_code, period, COUNT(*) FROM reports WHERE kind = 'monthly' AND submitter_scope <> 'province' GROUP BY locality_code, period")).ToList();
        var late = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reports WHERE kind = 'monthly' AND submitter_scope <> 'province' AND on_time = 0");
        var kinds = (await connection.QueryAsync<string>("SELECT DISTINCT kind || ':' || submitter_scope FROM reports ORDER BY 1")).ToList();

        // Assert: 21 units; every month to the present one (its reports come by the 25th: today is the 30th, so all but a few late ones)
        Assert.All(own, r => Assert.Equal(1, r.Count));
        Assert.Equal(21, own.Select(r => r.Locality).Distinct().Count());
        foreach (var locality in own.GroupBy(r => r.Locality))
        {
            var periods = locality.Select(r => r.Period).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(months.Take(periods.Count), periods);
            Assert.InRange(periods.Count, months.Count - 1, months.Count);
        }
        Assert.InRange(late, own.Count / 50, own.Count / 4);
        Assert.Contains("monthly:province", kinds);
        Assert.Contains("annual:420100", kinds);
        Assert.Contains("plan:540100", kinds);
    }

    [Fact]
    public async Task History_EveryUpdate_IsEffectiveWithinTheCampaignAndNotAfterItsReceipt()
    {
        // Arrange
        await using var connection = await Store.Database.OpenAsync(TestContext.Current.CancellationToken);
        var receipts = (await connection.QueryAsync<(long Id, DateTimeOffset ReceivedAt, string Scope)>("SELECT id, received_at, submitter_scope FROM reports"))
            .ToDictionary(r => r.Id);

        // Act
        var events = (await connection.QueryAsync<(long Report, long Stage, DateOnly Effective)>("SELECT report, stage, effective FROM stage_events")).ToList();
        var assessments = (await connection.QueryAsync<(long Report, DateOnly Effective)>("SELECT report, effective FROM criterion_assessments")).ToList();

        // Assert
        Assert.Equal(fixture.Counts.StageEvents, events.Count);
        Assert.Equal(fixture.Counts.Assessments, assessments.Count);
        Assert.All(events.Select(e => (e.Report, e.Effective)).Concat(assessments), row =>
        {
            Assert.InRange(row.Effective, TestStore.Campaign.Start, ChinaTime.DateAt(receipts[row.Report].ReceivedAt));
            Assert.True(receipts[row.Report].ReceivedAt <= NationalTestStore.Now);
        });
        Assert.All(events, e => Assert.Equal(e.Stage == (long)Stage.Accepted, receipts[e.Report].Scope == "province"));
    }

    private static ProgressFigures Total(IReadOnlyDictionary<string, ProgressFigures> counties) =>
        counties.Values.Aggregate(ProgressFigures.Empty, (sum, f) => sum.Add(f));
}
