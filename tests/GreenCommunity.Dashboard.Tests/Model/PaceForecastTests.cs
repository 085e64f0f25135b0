using GreenCommunity.Dashboard.Model;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Dashboard.Tests.Model;

/// <summary>Hand-computed cases of the forecast against Hubei's plan: 1–2 pilots by 2021-12-31, 30% started by 2022-06-30, 60% accepted by 2022-12-31.</summary>
public sealed class PaceForecastTests
{
    internal static readonly Campaign Hubei = CampaignDefinition.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "wwwroot-assets", "campaigns", "hubei-2021-2022.json")));

    [Fact]
    public void Of_DistrictFastEnough_ProjectsPastThirtyPercentAndIsOnTrack()
    {
        // Arrange: 100 communities; 12 started on 2021-12-31, 24 on 2022-03-31: 4 a month, 3 months to 2022-06-30 → 24 + 12 = 36 ≥ 30.
        var forecast = PaceForecast.Of(Hubei, Day("2022-03-31"), Started(100, 24), Started(100, 12), countyLevel: true);

        // Assert
        Assert.Equal(MilestoneKind.StartedShare, forecast.Target!.Kind);
        Assert.Equal(4, forecast.StartedPace, 9);
        Assert.Equal(36, forecast.Projected!.Value, 9);
        Assert.Equal(30, forecast.Required);
        Assert.False(forecast.AtRisk);
    }

    [Fact]
    public void Of_DistrictTooSlow_ProjectsShortOfThirtyPercentAndIsAtRisk()
    {
        // Arrange: 12 → 15 in three months is 1 a month: 15 + 3 = 18 < 30.
        var forecast = PaceForecast.Of(Hubei, Day("2022-03-31"), Started(100, 15), Started(100, 12), countyLevel: true);

        // Assert
        Assert.Equal(18, forecast.Projected!.Value, 9);
        Assert.True(forecast.AtRisk);
    }

    [Fact]
    public void Of_MidMonth_CountsTheRestOfAMonthAsItsShare()
    {
        // Arrange: 2022-05-15 → 2022-06-30 is one month (to 06-15) and 15 of the 30 days to 07-15: 1.5 months; 11 → 20 is 3 a month: 20 + 4.5 = 24.5 < 30.
        var forecast = PaceForecast.Of(Hubei, Day("2022-05-15"), Started(100, 20), Started(100, 11), countyLevel: true);

        // Assert
        Assert.Equal(1.5, PaceForecast.MonthsBetween(Day("2022-05-15"), Day("2022-06-30")), 9);
        Assert.Equal(24.5, forecast.Projected!.Value, 9);
        Assert.True(forecast.AtRisk);
    }

    [Fact]
    public void Of_PaceZero_StaysWhereItIsAndIsAtRiskBelowTheTarget()
    {
        // Arrange: 10 of 50 accepted then and now; 60% of 50 is 30.
        var now = new ProgressFigures(50, 0, 0, 40, 10, 0);
        var forecast = PaceForecast.Of(Hubei, Day("2022-09-30"), now, now, countyLevel: true);

        // Assert
        Assert.Equal(MilestoneKind.AcceptedShare, forecast.Target!.Kind);
        Assert.Equal(0, forecast.AcceptedPace, 9);
        Assert.Equal(10, forecast.Projected!.Value, 9);
        Assert.Equal(30, forecast.Required);
        Assert.True(forecast.AtRisk);
    }

    [Fact]
    public void Of_ProjectionBeyondEveryCommunity_IsCappedAtTheCommunities()
    {
        // Arrange: 0 → 30 in three months is 10 a month; three more months would make 60 of 40.
        var forecast = PaceForecast.Of(Hubei, Day("2022-03-31"), Started(40, 30), Started(40, 0), countyLevel: true);

        // Assert
        Assert.Equal(40, forecast.Projected!.Value, 9);
        Assert.False(forecast.AtRisk);
    }

    [Fact]
    public void Of_LocalityBeforeThePilotDueDay_ProjectsPilotsButADistrictSkipsToStarted()
    {
        // Arrange: no pilot yet on 2021-10-31.
        var figures = new ProgressFigures(80, 80, 0, 0, 0, 0);

        // Act
        var locality = PaceForecast.Of(Hubei, Day("2021-10-31"), figures, figures, countyLevel: false);
        var district = PaceForecast.Of(Hubei, Day("2021-10-31"), figures, figures, countyLevel: true);

        // Assert
        Assert.Equal(MilestoneKind.PilotsPerLocality, locality.Target!.Kind);
        Assert.Equal(1, locality.Required);
        Assert.True(locality.AtRisk);
        Assert.Equal(MilestoneKind.StartedShare, district.Target!.Kind);
        Assert.Equal(24, district.Required);
    }

    [Fact]
    public void Of_AfterTheLastMilestone_GivesTheDayAllAreStartedAndNeverForAcceptedAtPaceZero()
    {
        // Arrange: 200 communities; started 141 on 2026-08-30 and 150 on 2026-11-30 → 3 a month; 50 left → 16⅔ months:
        // 2026-11-30 + 16 months = 2028-03-30, then ⅔ of the 31 days to 2028-04-30 = 20.7 → 21 days → 2028-04-20.
        // Accepted 100 then and now: never at this pace, and below 60% (120): at risk.
        var now = new ProgressFigures(200, 50, 0, 50, 100, 2);
        var before = new ProgressFigures(200, 59, 0, 41, 100, 2);

        // Act
        var forecast = PaceForecast.Of(Hubei, Day("2026-11-30"), now, before, countyLevel: true);

        // Assert
        Assert.Null(forecast.Target);
        Assert.Equal(Day("2028-04-20"), forecast.AllStarted!.Day);
        Assert.True(forecast.AllAccepted!.IsNever);
        Assert.True(forecast.AtRisk);
    }

    [Fact]
    public void Of_AfterTheLastMilestoneAllStartedAndAboveSixtyPercent_IsDoneAndNotAtRisk()
    {
        // Arrange: 10 of 10 started, 7 accepted (70%), 1 more accepted in three months: 3 left at ⅓ a month → 9 months → 2027-08-30.
        var forecast = PaceForecast.Of(Hubei, Day("2026-11-30"), new ProgressFigures(10, 0, 0, 3, 7, 1), new ProgressFigures(10, 0, 0, 4, 6, 1), countyLevel: false);

        // Assert
        Assert.True(forecast.AllStarted!.IsDone);
        Assert.Equal(Day("2027-08-30"), forecast.AllAccepted!.Day);
        Assert.False(forecast.AtRisk);
    }

    [Theory]
    [InlineData("2022-03-31", "2022-06-30", 3.0)]
    [InlineData("2022-06-30", "2022-07-15", 0.5)]   // 15 of the 30 days to 07-30
    [InlineData("2022-06-30", "2022-06-30", 0.0)]
    [InlineData("2022-07-01", "2022-06-30", 0.0)]
    public void MonthsBetween_CalendarMonths_AsHandCounted(string from, string to, double months) =>
        Assert.Equal(months, PaceForecast.MonthsBetween(Day(from), Day(to)), 9);

    private static ProgressFigures Started(int communities, int started) => new(communities, communities - started, 0, started, 0, 0);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
