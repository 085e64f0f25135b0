using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Domain.Tests;

public sealed class CampaignTests
{
    private static readonly Campaign s_hubei = CampaignDefinition.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "campaigns", "hubei-2021-2022.json")));

    [Fact]
    public void Hubei_HasThePlansPhasesAndMilestones()
    {
        // Assert
        Assert.Equal(new DateOnly(2021, 6, 1), s_hubei.Start);
        Assert.Equal(["demonstration", "implementation", "consolidation", "long_term"], s_hubei.Phases.Select(p => p.Key));
        Assert.Equal([new DateOnly(2021, 12, 31), new DateOnly(2022, 6, 30), new DateOnly(2022, 12, 31)], s_hubei.Milestones.Select(m => m.Due));
        Assert.Equal("implementation", s_hubei.PhaseOn(new DateOnly(2022, 3, 1))!.Key);
        Assert.Equal("long_term", s_hubei.PhaseOn(new DateOnly(2026, 11, 29))!.Key);
        Assert.Equal("started_30", s_hubei.NextMilestone(new DateOnly(2022, 1, 1))!.Key);
        Assert.Null(s_hubei.NextMilestone(new DateOnly(2023, 1, 1)));
    }

    [Fact]
    public void DeadlineFor_Monthly_IsTheEndOfThe25thInChina()
    {
        // Act
        var deadline = s_hubei.DeadlineFor(ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5));

        // Assert
        Assert.Equal(new DateTimeOffset(2022, 5, 25, 23, 59, 59, TimeSpan.FromHours(8)), deadline);
        Assert.Equal(new DateTimeOffset(2022, 5, 25, 15, 59, 59, TimeSpan.Zero), deadline.ToUniversalTime());
    }

    [Fact]
    public void DeadlineFor_AnnualAndPlan_AreNovember30AndSeptember30()
    {
        // Assert
        Assert.Equal(new DateTimeOffset(2022, 11, 30, 23, 59, 59, TimeSpan.FromHours(8)), s_hubei.DeadlineFor(ReportKind.Annual, ReportPeriod.OfYear(2022)));
        Assert.Equal(new DateTimeOffset(2021, 9, 30, 23, 59, 59, TimeSpan.FromHours(8)), s_hubei.DeadlineFor(ReportKind.Plan, ReportPeriod.OfYear(2021)));
    }

    [Theory]
    [InlineData("2022-05-25T15:59:59Z", true)]    // 23:59:59 in Beijing
    [InlineData("2022-05-25T16:00:00Z", false)]   // already the 26th in Beijing
    [InlineData("2022-05-25T23:00:00+08:00", true)]
    [InlineData("2022-05-26T07:00:00+08:00", false)]
    public void IsOnTime_ComparesInChinaStandardTime(string received, bool onTime) =>
        Assert.Equal(onTime, s_hubei.IsOnTime(ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), DateTimeOffset.Parse(received, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void DateAt_LateEveningUtc_IsNextDayInChina() =>
        Assert.Equal(new DateOnly(2022, 7, 1), ChinaTime.DateAt(new DateTimeOffset(2022, 6, 30, 17, 0, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData(245, 74)]   // 30% of 245 is 73.5: 74 communities are needed
    [InlineData(100, 30)]
    [InlineData(12, 4)]
    public void RequiredCount_RoundsUp(int communities, int required) =>
        Assert.Equal(required, s_hubei.Milestones.Single(m => m.Key == "started_30").RequiredCount(communities));

    [Fact]
    public void StartedMilestone_CountsPilotsInProgressAndAccepted()
    {
        // Arrange: 100 communities, 10 pilots, 15 in progress, 5 accepted = 30% started.
        var milestone = s_hubei.Milestones.Single(m => m.Key == "started_30");
        var exactly = new ProgressFigures(100, 70, 10, 15, 5, 10);
        var oneShort = new ProgressFigures(100, 71, 10, 14, 5, 10);

        // Assert
        Assert.True(milestone.IsMet(exactly));
        Assert.Equal(0, milestone.Gap(exactly));
        Assert.False(milestone.IsMet(oneShort));
        Assert.Equal(1, milestone.Gap(oneShort));
        Assert.Equal(0.30, exactly.StartedRate, 9);
    }

    [Fact]
    public void AcceptedMilestone_CountsOnlyAccepted()
    {
        // Arrange
        var milestone = s_hubei.Milestones.Single(m => m.Key == "accepted_60");
        var figures = new ProgressFigures(10, 0, 0, 5, 5, 2);

        // Assert
        Assert.False(milestone.IsMet(figures));
        Assert.Equal(1, milestone.Gap(figures));
        Assert.Equal(0.5, figures.AcceptedRate, 9);
    }

    [Fact]
    public void PilotMilestone_NeedsOnePilotEvenIfAccepted()
    {
        // Arrange
        var milestone = s_hubei.Milestones.Single(m => m.Key == "pilots");

        // Assert
        Assert.False(milestone.IsMet(new ProgressFigures(10, 10, 0, 0, 0, 0)));
        Assert.True(milestone.IsMet(new ProgressFigures(10, 9, 0, 0, 1, 1)));   // the pilot was accepted: still a pilot
        Assert.True(milestone.IsMet(new ProgressFigures(10, 7, 3, 0, 0, 3)));
    }

    [Theory]
    [InlineData("{}", "id")]
    [InlineData("""{"id":"x","name":"n","provinceCode":"420000","start":"2022-01-01","end":"2021-01-01","reporting":{"monthlyDueDay":25,"annualDueMonth":11,"annualDueDay":30,"planDue":"2021-09-30"}}""", "ends before")]
    [InlineData("""{"id":"x","name":"n","provinceCode":"420000","start":"2021-01-01","end":"2022-01-01","reporting":{"monthlyDueDay":31,"annualDueMonth":11,"annualDueDay":30,"planDue":"2021-09-30"}}""", "monthlyDueDay")]
    public void Parse_BadDefinition_SaysWhatIsWrong(string json, string expected)
    {
        // Act
        var error = Assert.Throws<InvalidDataException>(() => CampaignDefinition.Parse(json));

        // Assert
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
