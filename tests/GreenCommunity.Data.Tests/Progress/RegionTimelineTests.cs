using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Data.Tests.Progress;

/// <summary>The regions' timeline computed from the counties' alone (no store): sums per day, and the upkeep equal to a full build.</summary>
public sealed class RegionTimelineTests
{
    /// <summary>Two provinces, so the country is the root; 429004 is a prefecture-level unit and its own county.</summary>
    internal static readonly Region[] TwoProvinces =
    [
        new("420000", "湖北省", "Hubei", RegionLevel.Province, null),
        new("420100", "武汉市", "Wuhan", RegionLevel.Prefecture, "420000"),
        new("420102", "江岸区", "Jiang'an", RegionLevel.County, "420100"),
        new("420103", "江汉区", "Jianghan", RegionLevel.County, "420100"),
        new("429004", "仙桃市", "Xiantao", RegionLevel.Prefecture, "420000"),
        new("429004", "仙桃市", "Xiantao", RegionLevel.County, "429004"),
        new("540000", "西藏自治区", "Tibet", RegionLevel.Province, null),
        new("540100", "拉萨市", "Lhasa", RegionLevel.Prefecture, "540000"),
        new("540102", "城关区", "Chengguan", RegionLevel.County, "540100"),
        new("540103", "堆龙德庆区", "Duilongdeqing", RegionLevel.County, "540100"),
    ];

    private static readonly string[] s_counties = ["420102", "420103", "429004", "540102", "540103"];

    [Fact]
    public void AncestorsOfCounties_TwoProvinces_PrefectureProvinceThenTheCountry()
    {
        // Act
        var ancestors = RegionTimeline.AncestorsOfCounties(TwoProvinces);

        // Assert
        Assert.Equal([new(RegionLevel.Prefecture, "420100"), new(RegionLevel.Province, "420000"), new(RegionLevel.Country, RegionTree.CountryCode)], ancestors["420102"]);
        Assert.Equal([new(RegionLevel.Prefecture, "429004"), new(RegionLevel.Province, "420000"), new(RegionLevel.Country, RegionTree.CountryCode)], ancestors["429004"]);
        Assert.Equal([new RegionKey(RegionLevel.Prefecture, "420100"), new RegionKey(RegionLevel.Province, "420000")],
            RegionTimeline.AncestorsOfCounties(TwoProvinces.Where(r => r.Code.StartsWith("42", StringComparison.Ordinal)).ToList())["420103"]);
    }

    [Fact]
    public void Build_TwoCountiesOfAPrefecture_SumsOnEachDayEitherChanged()
    {
        // Arrange
        TimelineRow[] counties =
        [
            new("420102", CountyTimeline.BaseDay, new ProgressFigures(3, 3, 0, 0, 0, 0)),
            new("420102", "2022-05-10", new ProgressFigures(3, 2, 1, 0, 0, 1)),
            new("420103", CountyTimeline.BaseDay, new ProgressFigures(2, 2, 0, 0, 0, 0)),
            new("420103", "2022-04-01", new ProgressFigures(2, 1, 0, 1, 0, 0)),
            new("420103", "2022-05-10", new ProgressFigures(2, 2, 0, 0, 0, 0)),
        ];

        // Act
        var rows = RegionTimeline.Build(TwoProvinces.Take(4).ToList(), counties);

        // Assert: on 05-10 one county's pilot and the other's step back; Xiantao has no communities, so no rows
        RegionTimelineRow[] wuhan =
        [
            new(RegionLevel.Prefecture, "420100", CountyTimeline.BaseDay, new ProgressFigures(5, 5, 0, 0, 0, 0)),
            new(RegionLevel.Prefecture, "420100", "2022-04-01", new ProgressFigures(5, 4, 0, 1, 0, 0)),
            new(RegionLevel.Prefecture, "420100", "2022-05-10", new ProgressFigures(5, 4, 1, 0, 0, 1)),
        ];
        Assert.Equal([.. wuhan.Select(r => r with { Level = RegionLevel.Province, Code = "420000" }), .. wuhan], rows);
    }

    [Fact]
    public void Build_ChangesThatCancelOut_WriteNoRowForThatDay()
    {
        // Arrange: one community moves from one county's count to the other's on the same day... in figures: one up, one down
        TimelineRow[] counties =
        [
            new("540102", CountyTimeline.BaseDay, new ProgressFigures(1, 0, 1, 0, 0, 1)),
            new("540102", "2022-06-01", new ProgressFigures(1, 1, 0, 0, 0, 1)),
            new("540103", CountyTimeline.BaseDay, new ProgressFigures(1, 1, 0, 0, 0, 0)),
            new("540103", "2022-06-01", new ProgressFigures(1, 0, 1, 0, 0, 0)),
        ];

        // Act
        var rows = RegionTimeline.Build(TwoProvinces, counties);

        // Assert
        Assert.Equal(3, rows.Count);   // country, Tibet, Lhasa: each its base row only
        Assert.All(rows, r => Assert.Equal((CountyTimeline.BaseDay, new ProgressFigures(2, 1, 1, 0, 0, 1)), (r.Day, r.Figures)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void ChangesThenApply_RandomCountiesRewrittenFromRandomDays_EqualAFullBuild(int seed)
    {
        // Arrange: random timelines, then some counties' rows replaced from a day on (earlier rows kept, as the write path does)
        var random = new Random(seed);
        var stored = RandomRows(random, s_counties, from: null, keep: []);
        var regionRows = RegionTimeline.Build(TwoProvinces, stored).ToList();
        for (var round = 0; round < 6; round++)
        {
            var touched = s_counties.Where(_ => random.Next(2) == 0).ToList();
            var from = Day(random.Next(0, 40));
            var replaced = RandomRows(random, touched, from, stored.Where(r => touched.Contains(r.County) && string.CompareOrdinal(r.Day, from) < 0).ToList());
            var before = stored.Where(r => touched.Contains(r.County)).ToList();
            stored = [.. stored.Where(r => !touched.Contains(r.County)), .. replaced];

            // Act
            var changes = RegionTimeline.Changes(RegionTimeline.AncestorsOfCounties(TwoProvinces), before, replaced);
            foreach (var (region, steps) in changes)
            {
                var first = steps.Keys.First();
                var previous = regionRows.Where(r => r.Key == region && string.CompareOrdinal(r.Day, first) < 0).Select(r => r.Day).DefaultIfEmpty(first).Max(StringComparer.Ordinal)!;
                var kept = regionRows.Where(r => r.Key == region && string.CompareOrdinal(r.Day, previous) >= 0).OrderBy(r => r.Day, StringComparer.Ordinal).ToList();
                var rewritten = RegionTimeline.Apply(region, kept, steps);
                regionRows = [.. regionRows.Where(r => r.Key != region || string.CompareOrdinal(r.Day, first) < 0), .. rewritten];
            }

            // Assert
            Assert.Equal(RegionTimeline.Build(TwoProvinces, stored).OrderBy(r => r.Level).ThenBy(r => r.Code, StringComparer.Ordinal).ThenBy(r => r.Day, StringComparer.Ordinal),
                regionRows.OrderBy(r => r.Level).ThenBy(r => r.Code, StringComparer.Ordinal).ThenBy(r => r.Day, StringComparer.Ordinal));
        }
        Assert.Contains(regionRows, r => r.Level == RegionLevel.Country && r.Day != CountyTimeline.BaseDay);
    }

    private static string Day(int n) => n == 0 ? CountyTimeline.BaseDay : new DateOnly(2022, 1, 1).AddDays(n * 3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Canonical county rows (a base row, then a row where the figures change): <paramref name="keep"/> before <paramref name="from"/>, random after.</summary>
    private static List<TimelineRow> RandomRows(Random random, IEnumerable<string> counties, string? from, List<TimelineRow> keep)
    {
        var rows = new List<TimelineRow>();
        foreach (var county in counties)
        {
            var own = keep.Where(r => r.County == county).OrderBy(r => r.Day, StringComparer.Ordinal).ToList();
            var size = own.Count > 0 ? own[0].Figures.Communities : random.Next(1, 6);
            if (own.Count == 0)
            {
                own.Add(new TimelineRow(county, CountyTimeline.BaseDay, new ProgressFigures(size, size, 0, 0, 0, 0)));
            }
            var start = from is null ? 1 : Enumerable.Range(1, 40).First(n => string.CompareOrdinal(Day(n), from) >= 0);
            for (var n = start; n < 40; n++)
            {
                if (random.Next(4) != 0)
                {
                    continue;
                }
                var pilot = random.Next(size + 1);
                var accepted = random.Next(size - pilot + 1);
                var figures = new ProgressFigures(size, size - pilot - accepted, pilot, 0, accepted, Math.Max(pilot, own[^1].Figures.PilotsEver));
                if (figures != own[^1].Figures)
                {
                    own.Add(new TimelineRow(county, Day(n), figures));
                }
            }
            rows.AddRange(own);
        }
        return rows;
    }
}
