using GreenCommunity.Dashboard.Model;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Dashboard.Tests.Model;

/// <summary>A hand-made province of two localities on 2022-03-31 (the started target of 2022-06-30 is the one that matters).</summary>
public sealed class DistrictComparisonTests
{
    private static readonly DateOnly s_day = new(2022, 3, 31);

    private static readonly Region[] s_regions =
    [
        new("420000", "湖北省", "Hubei", RegionLevel.Province, null),
        new("420100", "甲市", "A", RegionLevel.Prefecture, "420000"),
        new("420102", "一区", "One", RegionLevel.County, "420100"),
        new("420103", "二区", "Two", RegionLevel.County, "420100"),
        new("420104", "三区", "Three", RegionLevel.County, "420100"),
        new("420500", "乙市", "B", RegionLevel.Prefecture, "420000"),
        new("420502", "四区", "Four", RegionLevel.County, "420500"),
    ];

    [Fact]
    public void Build_ThreeSnapshots_ChangesAreTheDifferencesOverOneAndThreeMonths()
    {
        // Act
        var comparison = Build();

        // Assert: started now − a month ago, now − three months ago.
        var one = Row(comparison, "420102");
        Assert.Equal((5, 20), (one.StartedChange1, one.StartedChange3));
        var two = Row(comparison, "420103");
        Assert.Equal((0, 3), (two.StartedChange1, two.StartedChange3));
        var three = Row(comparison, "420104");
        Assert.Equal((2, 8), (three.StartedChange1, three.StartedChange3));
        Assert.Equal((1, 4), (three.AcceptedChange1, three.AcceptedChange3));
        Assert.Equal((7, 31), (comparison.Locality.StartedChange1, comparison.Locality.StartedChange3));
    }

    [Fact]
    public void Build_StartedTargetOfTheDay_RanksByStartedRateWithTiesSharingARank()
    {
        // Act
        var comparison = Build();

        // Assert: 40%, 20%, 40% started → 1, 3, 1; the locality's 35% beats the other's 20% among the localities.
        Assert.Equal(ComparisonMeasure.StartedRate, comparison.Measure);
        Assert.Equal([1, 3, 1], comparison.Districts.Select(d => d.Rank!.Value));
        Assert.All(comparison.Districts, d => Assert.Equal(3, d.Peers));
        Assert.Equal((1, 2), (comparison.Locality.Rank!.Value, comparison.Locality.Peers));
        Assert.Null(comparison.Province.Rank);
    }

    [Fact]
    public void Build_StillNeeded_IsEachDistrictsShareOfTheTargetAndTheProvincesIsTheLocalitiesAddedUp()
    {
        // Act
        var comparison = Build();

        // Assert: 30% of 100 is 30 (40 started: none needed), of 50 is 15 (10 started: 5; 20 started: none);
        // 60% accepted of 100 is 60, of 50 is 30 (less the 4 accepted: 26).
        Assert.Equal([0, 5, 0], comparison.Districts.Select(d => d.StartedNeeded));
        Assert.Equal([60, 30, 26], comparison.Districts.Select(d => d.AcceptedNeeded));
        Assert.All(comparison.Districts, d => Assert.Null(d.PilotsNeeded));   // the pilot target is the locality's
        Assert.Equal((0, 0, 116), (comparison.Locality.PilotsNeeded!.Value, comparison.Locality.StartedNeeded, comparison.Locality.AcceptedNeeded));
        // The other locality: no pilot (1 needed), 20 of 100 started (10 needed), none accepted (60 needed).
        Assert.Equal((1, 10, 176), (comparison.Province.PilotsNeeded!.Value, comparison.Province.StartedNeeded, comparison.Province.AcceptedNeeded));
    }

    [Fact]
    public void Build_Forecasts_FlagTheDistrictWhosePaceFallsShort()
    {
        // Act
        var comparison = Build();

        // Assert: 7 → 10 in three months is 1 a month: 13 by 2022-06-30, short of 15.
        Assert.Equal([false, true, false], comparison.Districts.Select(d => d.Forecast.AtRisk));
        Assert.Equal(13, Row(comparison, "420103").Forecast.Projected!.Value, 9);
    }

    [Fact]
    public void Build_ProvinceForecast_IsAtRiskWhenAnyLocalityIsThoughTheProvinceWideTotalWouldReach()
    {
        // Act
        var comparison = Build();

        // Assert: province-wide 54 → 90 started is 12 a month, 126 of 90 needed by 2022-06-30; but 乙市 goes 15 → 20,
        // 25 of 30 needed, and each locality must reach 30% (各地), so the province is at risk with one locality.
        Assert.Equal((false, true), (comparison.Locality.Forecast.AtRisk, comparison.Province.Forecast.AtRisk));
        Assert.Equal(1, comparison.Province.Forecast.LocalitiesAtRisk);
        Assert.Null(comparison.Locality.Forecast.LocalitiesAtRisk);
    }

    [Fact]
    public void Build_UnknownLocality_Throws() =>
        Assert.Throws<KeyNotFoundException>(() => DistrictComparison.Build(PaceForecastTests.Hubei, s_day, Tree(s_now), Tree(s_now), Tree(s_now), "429999"));

    /// <summary>The hand-made comparison, for the table's tests too.</summary>
    internal static DistrictComparison Build() =>
        DistrictComparison.Build(PaceForecastTests.Hubei, s_day, Tree(s_now), Tree(s_monthAgo), Tree(s_quarterAgo), "420100");

    private static ComparisonRow Row(DistrictComparison comparison, string code) => comparison.Districts.Single(d => d.Region.Code == code);

    private static readonly Dictionary<string, ProgressFigures> s_now = new()
    {
        ["420102"] = Figures(100, 40, 0, pilots: 1),
        ["420103"] = Figures(50, 10, 0),
        ["420104"] = Figures(50, 20, 4),
        ["420502"] = Figures(100, 20, 0),
    };

    private static readonly Dictionary<string, ProgressFigures> s_monthAgo = new()
    {
        ["420102"] = Figures(100, 35, 0, pilots: 1),
        ["420103"] = Figures(50, 10, 0),
        ["420104"] = Figures(50, 18, 3),
        ["420502"] = Figures(100, 20, 0),
    };

    private static readonly Dictionary<string, ProgressFigures> s_quarterAgo = new()
    {
        ["420102"] = Figures(100, 20, 0, pilots: 1),
        ["420103"] = Figures(50, 7, 0),
        ["420104"] = Figures(50, 12, 0),
        ["420502"] = Figures(100, 15, 0),
    };

    private static RegionProgress Tree(Dictionary<string, ProgressFigures> counties) => ProgressTree.Build(s_regions, counties);

    private static ProgressFigures Figures(int communities, int started, int accepted, int pilots = 0) =>
        new(communities, communities - started, 0, started - accepted, accepted, pilots);
}
