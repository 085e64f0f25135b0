using Dapper;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Data.Tests.Progress;

public sealed class ProgressReconciliationTests(DemoStoreFixture fixture) : IClassFixture<DemoStoreFixture>
{
    private TestStore Store => fixture.Store;

    [Fact]
    public async Task GetProvince_Today_MatchesTheCurrentStateRows()
    {
        // Arrange
        await using var connection = await Store.Database.OpenAsync(TestContext.Current.CancellationToken);
        var byStage = (await connection.QueryAsync<(long Stage, long Count)>("SELECT stage, COUNT(*) FROM community_state GROUP BY stage"))
            .ToDictionary(r => (Stage)r.Stage, r => (int)r.Count);
        var wuhanAccepted = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM community_state s JOIN communities c ON c.code = s.community_code WHERE c.locality_code = '420100' AND s.stage = 3");

        // Act
        var province = await Store.Progress.GetProvinceAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(5222, province.Figures.Communities);
        Assert.Equal(byStage.GetValueOrDefault(Stage.NotStarted), province.Figures.NotStarted);
        Assert.Equal(byStage.GetValueOrDefault(Stage.Pilot), province.Figures.Pilot);
        Assert.Equal(byStage.GetValueOrDefault(Stage.InProgress), province.Figures.InProgress);
        Assert.Equal(byStage.GetValueOrDefault(Stage.Accepted), province.Figures.Accepted);
        Assert.Equal(wuhanAccepted, province.Find("420100")!.Figures.Accepted);
        Assert.Equal(province.Figures, province.Children.Aggregate(ProgressFigures.Empty, (s, c) => s.Add(c.Figures)));
    }

    [Theory]
    [InlineData("2021-06-15")]
    [InlineData("2021-12-31")]
    [InlineData("2022-03-10")]
    [InlineData("2022-06-30")]
    [InlineData("2022-12-31")]
    [InlineData("2026-01-01")]
    public async Task GetProvince_AsOfDay_EqualsRecomputationFromRawHistory(string day)
    {
        // Arrange
        var asOf = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var expected = await RecomputeByLocalityAsync(asOf);

        // Act
        var province = await Store.Progress.GetProvinceAsync(asOf, TestContext.Current.CancellationToken);

        // Assert
        foreach (var locality in province.Children)
        {
            Assert.Equal(expected[locality.Region.Code], locality.Figures);
        }
    }

    [Fact]
    public async Task GetProvince_LastDayOfHistory_EqualsTheCurrentState()
    {
        // Act
        var past = await Store.Progress.GetProvinceAsync(new DateOnly(2023, 6, 30), TestContext.Current.CancellationToken);
        var now = await Store.Progress.GetProvinceAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(now.Figures, past.Figures);
        Assert.True(now.Figures.Accepted > 0);
    }

    /// <summary>Replays every stage event in C#, ignoring the SQL and the current-state table.</summary>
    private async Task<Dictionary<string, ProgressFigures>> RecomputeByLocalityAsync(DateOnly asOf)
    {
        await using var connection = await Store.Database.OpenAsync(TestContext.Current.CancellationToken);
        var communities = (await connection.QueryAsync<(string Code, string Locality)>("SELECT code, locality_code FROM communities")).ToList();
        var events = await connection.QueryAsync<(long Id, string Community, long Stage, DateOnly Effective)>("SELECT id, community_code, stage, effective FROM stage_events");
        var stages = new Dictionary<string, (DateOnly Effective, long Id, Stage Stage)>();
        var pilots = new HashSet<string>();
        foreach (var e in events)
        {
            var effective = e.Effective;
            if (effective > asOf)
            {
                continue;
            }
            if (e.Stage == (long)Stage.Pilot)
            {
                pilots.Add(e.Community);
            }
            if (!stages.TryGetValue(e.Community, out var current) || (effective, e.Id).CompareTo((current.Effective, current.Id)) > 0)
            {
                stages[e.Community] = (effective, e.Id, (Stage)e.Stage);
            }
        }
        return communities.GroupBy(c => c.Locality).ToDictionary(g => g.Key, g =>
        {
            var s = g.Select(c => stages.TryGetValue(c.Code, out var v) ? v.Stage : Stage.NotStarted).ToList();
            return new ProgressFigures(g.Count(), s.Count(x => x == Stage.NotStarted), s.Count(x => x == Stage.Pilot),
                s.Count(x => x == Stage.InProgress), s.Count(x => x == Stage.Accepted), g.Count(c => pilots.Contains(c.Code)));
        });
    }
}
