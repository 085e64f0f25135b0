using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reporting;

namespace GreenCommunity.Domain.Tests;

public sealed class ReportingComplianceTests
{
    private static readonly Campaign s_hubei = CampaignDefinition.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "campaigns", "hubei-2021-2022.json")));

    private static readonly TimeSpan s_china = TimeSpan.FromHours(8);

    private static readonly ReportDuty s_may2022 = ReportDuty.Monthly(2022, 5);

    private static readonly DateOnly s_laterDay = new(2022, 6, 30);

    [Fact]
    public void StatusOn_AtTheLastSecondOfThe25th_IsOnTime()
    {
        // Act
        var status = ReportingCompliance.StatusOn(s_hubei, s_may2022, new DateTimeOffset(2022, 5, 25, 23, 59, 59, s_china), s_laterDay);

        // Assert
        Assert.Equal(ComplianceState.OnTime, status.State);
        Assert.Equal(0, status.Days);
        Assert.Equal(new DateOnly(2022, 5, 25), status.DueDay);
    }

    [Fact]
    public void StatusOn_AtMidnightStartingThe26th_IsOneDayLate()
    {
        // Act
        var status = ReportingCompliance.StatusOn(s_hubei, s_may2022, new DateTimeOffset(2022, 5, 26, 0, 0, 0, s_china), s_laterDay);

        // Assert
        Assert.Equal(ComplianceState.Late, status.State);
        Assert.Equal(1, status.Days);
    }

    [Theory]
    [InlineData("2022-05-25T15:59:59Z", ComplianceState.OnTime, 0)]   // 23:59:59 in China
    [InlineData("2022-05-25T16:00:00Z", ComplianceState.Late, 1)]     // 00:00:00 on the 26th in China
    [InlineData("2022-05-26T15:59:59Z", ComplianceState.Late, 1)]     // 23:59:59 on the 26th
    [InlineData("2022-05-26T16:00:00Z", ComplianceState.Late, 2)]     // the 27th
    public void StatusOn_ReceiptInUtc_IsJudgedOnChinaTime(string receivedUtc, ComplianceState expected, int daysLate)
    {
        // Act
        var status = ReportingCompliance.StatusOn(s_hubei, s_may2022, DateTimeOffset.Parse(receivedUtc, System.Globalization.CultureInfo.InvariantCulture), s_laterDay);

        // Assert
        Assert.Equal((expected, daysLate), (status.State, status.Days));
    }

    [Fact]
    public void StatusOn_ReceivedThreeDaysAfter_IsThreeDaysLate()
    {
        // Act
        var status = ReportingCompliance.StatusOn(s_hubei, s_may2022, new DateTimeOffset(2022, 5, 28, 9, 30, 0, s_china), s_laterDay);

        // Assert
        Assert.Equal((ComplianceState.Late, 3), (status.State, status.Days));
    }

    [Theory]
    [InlineData(22, ComplianceState.Due, 3)]       // 还剩3天
    [InlineData(25, ComplianceState.Due, 0)]       // due today, until 23:59:59
    [InlineData(26, ComplianceState.Missing, 1)]   // the deadline passed yesterday at midnight
    [InlineData(31, ComplianceState.Missing, 6)]
    public void StatusOn_NothingReceived_IsDueUntilTheDeadlineThenMissing(int day, ComplianceState expected, int days)
    {
        // Act
        var status = ReportingCompliance.StatusOn(s_hubei, s_may2022, null, new DateOnly(2022, 5, day));

        // Assert
        Assert.Equal((expected, days), (status.State, status.Days));
    }

    [Fact]
    public void StatusOn_ReceiptAfterTheShownDay_DoesNotCountYet()
    {
        // Arrange: received on the 28th; shown on the 27th it was still missing.
        var received = new DateTimeOffset(2022, 5, 28, 0, 0, 0, s_china);

        // Act
        var before = ReportingCompliance.StatusOn(s_hubei, s_may2022, received, new DateOnly(2022, 5, 27));
        var onTheDay = ReportingCompliance.StatusOn(s_hubei, s_may2022, received, new DateOnly(2022, 5, 28));

        // Assert
        Assert.Equal((ComplianceState.Missing, 2), (before.State, before.Days));
        Assert.Equal((ComplianceState.Late, 3), (onTheDay.State, onTheDay.Days));
    }

    [Fact]
    public void StatusOn_AnnualReport_IsDueOn30November()
    {
        // Arrange
        var annual = ReportDuty.Annual(2022);

        // Act
        var dueToday = ReportingCompliance.StatusOn(s_hubei, annual, null, new DateOnly(2022, 11, 30));
        var sentOnTheDay = ReportingCompliance.StatusOn(s_hubei, annual, new DateTimeOffset(2022, 11, 30, 23, 59, 59, s_china), new DateOnly(2022, 12, 31));
        var sentNextDay = ReportingCompliance.StatusOn(s_hubei, annual, new DateTimeOffset(2022, 12, 1, 0, 0, 0, s_china), new DateOnly(2022, 12, 31));

        // Assert
        Assert.Equal(new DateOnly(2022, 11, 30), dueToday.DueDay);
        Assert.Equal((ComplianceState.Due, 0), (dueToday.State, dueToday.Days));
        Assert.Equal(ComplianceState.OnTime, sentOnTheDay.State);
        Assert.Equal((ComplianceState.Late, 1), (sentNextDay.State, sentNextDay.Days));
    }

    [Fact]
    public void StatusOn_Plan_IsDueOn30September2021()
    {
        // Act
        var onTime = ReportingCompliance.StatusOn(s_hubei, ReportDuty.Plan(2021), new DateTimeOffset(2021, 9, 30, 18, 0, 0, s_china), new DateOnly(2021, 10, 1));
        var missing = ReportingCompliance.StatusOn(s_hubei, ReportDuty.Plan(2021), null, new DateOnly(2021, 10, 1));

        // Assert
        Assert.Equal(new DateOnly(2021, 9, 30), onTime.DueDay);
        Assert.Equal(ComplianceState.OnTime, onTime.State);
        Assert.Equal((ComplianceState.Missing, 1), (missing.State, missing.Days));
    }

    [Fact]
    public void ReceiptFor_Plan_TakesTheEarliestPlanWhateverYearItNames()
    {
        // Arrange: the plan is owed once; a locality that named the year 2022 still sent it.
        var early = new DateTimeOffset(2021, 9, 20, 10, 0, 0, s_china);
        FirstReceipt[] receipts =
        [
            new("420100", ReportKind.Plan, ReportPeriod.OfYear(2022), early),
            new("420100", ReportKind.Plan, ReportPeriod.OfYear(2021), early.AddDays(30)),
            new("420100", ReportKind.Annual, ReportPeriod.OfYear(2021), early.AddDays(-1)),
        ];

        // Act
        var receipt = ReportingCompliance.ReceiptFor(ReportDuty.Plan(2021), receipts);

        // Assert
        Assert.Equal(early, receipt);
    }

    [Fact]
    public void DutiesUntil_CampaignEnd_IsThePlanNineteenMonthsAndTwoAnnualReports()
    {
        // Act
        var duties = ReportingCompliance.DutiesUntil(s_hubei, new DateOnly(2022, 12, 31));

        // Assert
        Assert.Equal(ReportDuty.Plan(2021), duties[0]);
        Assert.Equal(ReportDuty.Monthly(2021, 6), duties[1]);
        Assert.Equal(ReportDuty.Monthly(2022, 12), duties[19]);
        Assert.Equal([ReportDuty.Annual(2021), ReportDuty.Annual(2022)], duties.Skip(20));
    }

    [Fact]
    public void DutiesUntil_LongTermManagement_KeepsCountingMonthsAndYears()
    {
        // Act
        var duties = ReportingCompliance.DutiesUntil(s_hubei, new DateOnly(2026, 11, 30));

        // Assert: June 2021 to November 2026 is 66 months; annual reports 2021 to 2026.
        Assert.Equal(66, duties.Count(d => d.Kind == ReportKind.Monthly));
        Assert.Equal(6, duties.Count(d => d.Kind == ReportKind.Annual));
        Assert.Empty(ReportingCompliance.DutiesUntil(s_hubei, new DateOnly(2021, 5, 31)));
    }

    [Fact]
    public void Build_On30November_CurrentPeriodIsTheMonthAndTheAnnualReportWithWhoHasNotSent()
    {
        // Arrange: Wuhan sent both; Yichang sent neither.
        var day = new DateOnly(2026, 11, 30);
        FirstReceipt[] receipts =
        [
            new("420100", ReportKind.Monthly, ReportPeriod.OfMonth(2026, 11), new DateTimeOffset(2026, 11, 20, 9, 0, 0, s_china)),
            new("420100", ReportKind.Annual, ReportPeriod.OfYear(2026), new DateTimeOffset(2026, 11, 29, 9, 0, 0, s_china)),
        ];

        // Act
        var board = ComplianceBoard.Build(s_hubei, day, ["420100", "420500"], receipts);

        // Assert
        Assert.Equal([ReportDuty.Monthly(2026, 11), ReportDuty.Annual(2026)], board.Current);
        Assert.Equal(ComplianceState.OnTime, board.For("420100")![ReportDuty.Annual(2026)].State);
        Assert.Equal(
            [("420500", ReportDuty.Monthly(2026, 11), ComplianceState.Missing, 5), ("420500", ReportDuty.Annual(2026), ComplianceState.Due, 0)],
            board.Outstanding.Select(o => (o.Locality, o.Status.Duty, o.Status.State, o.Status.Days)));
        Assert.Equal(ReportDuty.Monthly(2021, 6), board.For("420500")!.Missing[0].Duty);   // the longest overdue first
        Assert.Contains(board.For("420500")!.Missing, s => s.Duty == ReportDuty.Plan(2021));
    }
}
