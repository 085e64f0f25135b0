using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Data.Tests.Progress;

/// <summary>
/// A report's moves of the timelines computed from its communities' history alone (no store): applied to the rows
/// built before it, they give the rows a full build gives after it, for the counties and every region above them.
/// </summary>
public sealed class ReportTimelineTests
{
    private static readonly Region[] s_regions = RegionTimelineTests.TwoProvinces;

    private static readonly string[] s_counties = ["420102", "420103", "429004", "540102", "540103"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Changes_RandomHistoryAndReport_AppliedToTheRowsBeforeEqualAFullBuildAfter(int seed)
    {
        // Arrange: 40 communities over four counties, 150 events, then a report of up to 12 more (some back-dated, some on a day already there)
        var random = new Random(seed);
        var communities = Enumerable.Range(0, 40).Select(i => (Code: $"c{i:D2}", County: s_counties[i % s_counties.Length])).ToList();
        var id = 0L;
        TimelineEvent NewEvent()
        {
            var (code, county) = communities[random.Next(communities.Count)];
            return new TimelineEvent(county, code, random.Next(4), $"2022-{random.Next(1, 7):D2}-{random.Next(1, 6):D2}", ++id);
        }
        var earlier = Enumerable.Range(0, 150).Select(_ => NewEvent()).ToList();
        var reports = Enumerable.Range(0, random.Next(1, 13)).Select(_ => NewEvent()).ToList();
        var stored = Build(communities, earlier).ToDictionary(r => (r.Key, r.Day), r => r.Figures);
        var named = reports.Select(e => e.Community).ToHashSet(StringComparer.Ordinal);
        var history = earlier.Concat(reports).Where(e => named.Contains(e.Community)).ToList();

        // Act
        var changes = ReportTimeline.Changes(history, e => e.Id > 150, RegionTimeline.AncestorsOfCounties(s_regions));
        foreach (var (unit, steps) in changes)
        {
            var writes = ReportTimeline.Writes(unit, stored.Where(s => s.Key.Key == unit).Select(s => new RegionTimelineRow(unit.Level, unit.Code, s.Key.Day, s.Value))
                .OrderBy(r => r.Day, StringComparer.Ordinal).ToList(), steps);
            foreach (var gone in writes.Deletes)
            {
                Assert.True(stored.Remove((unit, gone.Day)));
            }
            foreach (var row in writes.Upserts)
            {
                Assert.NotEqual(stored.GetValueOrDefault((unit, row.Day)), row.Figures);   // only rows that change are written
                stored[(unit, row.Day)] = row.Figures;
            }
        }

        // Assert
        var expected = Build(communities, earlier.Concat(reports)).ToDictionary(r => (r.Key, r.Day), r => r.Figures);
        Assert.Equal(expected.OrderBy(e => $"{e.Key.Key}{e.Key.Day}", StringComparer.Ordinal), stored.OrderBy(e => $"{e.Key.Key}{e.Key.Day}", StringComparer.Ordinal));
        Assert.Contains(changes.Keys, k => k.Level == RegionLevel.County);
    }

    [Fact]
    public void Changes_ReportRepeatingTheStageItHad_MovesNothing()
    {
        // Arrange: in progress from 03-01; the report says in progress from 03-01 again
        var history = new List<TimelineEvent> { new("420102", "c1", 2, "2022-03-01", 1), new("420102", "c1", 2, "2022-03-01", 2) };

        // Act
        var changes = ReportTimeline.Changes(history, e => e.Id == 2, RegionTimeline.AncestorsOfCounties(s_regions));

        // Assert
        Assert.Empty(changes);
    }

    /// <summary>A full build: every county's rows from the events, then every region's from the counties'.</summary>
    private static List<RegionTimelineRow> Build(IReadOnlyList<(string Code, string County)> communities, IEnumerable<TimelineEvent> events)
    {
        var counties = CountyTimeline.Build(communities.GroupBy(c => c.County).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal), events);
        return [.. counties.Select(r => new RegionTimelineRow(RegionLevel.County, r.County, r.Day, r.Figures)), .. RegionTimeline.Build(s_regions, counties)];
    }
}
