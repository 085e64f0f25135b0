using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reporting;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Domain.Tests;

public sealed class DepartmentComplianceTests
{
    private static readonly Campaign s_hubei = CampaignDefinition.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "campaigns", "hubei-2021-2022.json")));

    private static readonly TimeSpan s_china = TimeSpan.FromHours(8);

    private static readonly DepartmentDuty s_annual2026 = new(DepartmentReportKind.Annual, 2026);

    private static readonly DepartmentDuty s_plan2026 = new(DepartmentReportKind.Plan, 2026);

    private static readonly DateOnly s_december = new(2026, 12, 31);

    [Fact]
    public void DueDay_OfEitherKind_Is30NovemberOfItsYear()
    {
        // Act, Assert
        Assert.Equal(new DateOnly(2026, 11, 30), s_annual2026.DueDay(s_hubei));
        Assert.Equal(new DateOnly(2026, 11, 30), s_plan2026.DueDay(s_hubei));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 59, 59, s_china), s_plan2026.Deadline(s_hubei));
        Assert.Equal(2027, s_plan2026.PlannedYear);
        Assert.Equal(2026, s_annual2026.PlannedYear);
    }

    [Fact]
    public void StatusOn_AtTheLastSecondOf30November_IsOnTime()
    {
        // Act
        var status = DepartmentCompliance.StatusOn(s_hubei, s_annual2026, new DateTimeOffset(2026, 11, 30, 23, 59, 59, s_china), s_december);

        // Assert
        Assert.Equal(ComplianceState.OnTime, status.State);
        Assert.True(s_annual2026.IsOnTime(s_hubei, new DateTimeOffset(2026, 11, 30, 23, 59, 59, s_china)));
    }

    [Fact]
    public void StatusOn_OneSecondAfter30November_IsOneDayLate()
    {
        // Arrange
        var oneSecondLater = new DateTimeOffset(2026, 12, 1, 0, 0, 0, s_china);

        // Act
        var status = DepartmentCompliance.StatusOn(s_hubei, s_plan2026, oneSecondLater, s_december);

        // Assert
        Assert.Equal(ComplianceState.Late, status.State);
        Assert.Equal(1, status.Days);
        Assert.False(s_plan2026.IsOnTime(s_hubei, oneSecondLater));
    }

    [Fact]
    public void StatusOn_NothingReceived_IsDueUntilTheEndOf30NovemberThenMissing()
    {
        // Act
        var onTheDay = DepartmentCompliance.StatusOn(s_hubei, s_annual2026, null, new DateOnly(2026, 11, 30));
        var before = DepartmentCompliance.StatusOn(s_hubei, s_annual2026, null, new DateOnly(2026, 11, 27));
        var after = DepartmentCompliance.StatusOn(s_hubei, s_annual2026, null, new DateOnly(2026, 12, 2));

        // Assert
        Assert.Equal((ComplianceState.Due, 0), (onTheDay.State, onTheDay.Days));
        Assert.Equal((ComplianceState.Due, 3), (before.State, before.Days));
        Assert.Equal((ComplianceState.Missing, 2), (after.State, after.Days));
    }

    [Fact]
    public void StatusOn_ReceivedAfterTheDayShown_IsNotKnownYet()
    {
        // Act: on 30 November, a text of 1 December has not arrived
        var status = DepartmentCompliance.StatusOn(s_hubei, s_annual2026, new DateTimeOffset(2026, 12, 1, 9, 0, 0, s_china), new DateOnly(2026, 11, 30));

        // Assert
        Assert.Equal(ComplianceState.Due, status.State);
        Assert.Null(status.ReceivedAt);
    }

    [Fact]
    public void DutiesUntil_ADay_IsEachYearsReportAndPlanFromTheCampaignsStart()
    {
        // Act
        var duties = DepartmentCompliance.DutiesUntil(s_hubei, new DateOnly(2022, 3, 1));

        // Assert
        Assert.Equal(
        [
            new DepartmentDuty(DepartmentReportKind.Annual, 2021), new DepartmentDuty(DepartmentReportKind.Plan, 2021),
            new DepartmentDuty(DepartmentReportKind.Annual, 2022), new DepartmentDuty(DepartmentReportKind.Plan, 2022),
        ], duties);
        Assert.Empty(DepartmentCompliance.DutiesUntil(s_hubei, s_hubei.Start.AddDays(-1)));
    }

    [Fact]
    public void Build_FirstTextCounts_LaterOnesDoNotChangeTheCell()
    {
        // Arrange: fgw on time then again late; mz late; ga nothing
        DepartmentReceipt[] receipts =
        [
            new("fgw", s_annual2026, new DateTimeOffset(2026, 11, 30, 23, 59, 59, s_china)),
            new("fgw", s_annual2026, new DateTimeOffset(2026, 12, 3, 10, 0, 0, s_china)),
            new("mz", s_annual2026, new DateTimeOffset(2026, 12, 1, 0, 0, 0, s_china)),
            new("mz", s_plan2026, new DateTimeOffset(2026, 11, 2, 0, 0, 0, s_china)),
        ];

        // Act
        var board = DepartmentBoard.Build(s_hubei, s_december, ["fgw", "mz", "ga"], receipts);

        // Assert
        Assert.Equal(["fgw", "mz", "ga"], board.Rows.Select(r => r.Department));
        Assert.Equal(ComplianceState.OnTime, board.Rows[0][s_annual2026].State);
        Assert.Equal(ComplianceState.Late, board.Rows[1][s_annual2026].State);
        Assert.Equal(ComplianceState.OnTime, board.Rows[1][s_plan2026].State);
        Assert.Equal(ComplianceState.Missing, board.Rows[2][s_annual2026].State);
        // 6 years (2021..2026) × 2 duties × 3 departments = 36 cells: 2 on time, 1 late, every other one missing by December.
        Assert.Equal((2, 1, 33, 0), (board.Count(ComplianceState.OnTime), board.Count(ComplianceState.Late), board.Count(ComplianceState.Missing), board.Count(ComplianceState.Due)));
    }

    [Fact]
    public void Check_ABadDraft_NamesEveryPath()
    {
        // Act
        var (duty, errors) = DepartmentSubmissionRules.Check(s_hubei, new DateOnly(2026, 11, 30),
            new DepartmentSubmissionDraft("", 2020, "monthly", new string('字', DepartmentSubmissionRules.MaxTextLength + 1)));

        // Assert
        Assert.Null(duty);
        var codes = errors.ToCodes();
        Assert.Equal([ReportProblemCodes.Required], codes["department"]);
        Assert.Equal([ReportProblemCodes.YearOutOfRange], codes["year"]);
        Assert.Equal([ReportProblemCodes.InvalidDepartmentKind], codes["kind"]);
        Assert.Equal([ReportProblemCodes.TooLong], codes["text"]);
    }

    [Theory]
    [InlineData(2027, "annual", "正文")]   // after this year
    [InlineData(2026, null, "正文")]
    [InlineData(2026, "Annual", "正文")]   // names are exact
    [InlineData(2026, "plan", "")]
    [InlineData(2026, "plan", " \n\t ")]
    public void Check_OneBadField_IsRefused(int year, string? kind, string text)
    {
        // Act
        var (duty, errors) = DepartmentSubmissionRules.Check(s_hubei, new DateOnly(2026, 11, 30), new DepartmentSubmissionDraft("fgw", year, kind, text));

        // Assert
        Assert.Null(duty);
        Assert.Equal(1, errors.Count);
    }

    [Fact]
    public void Check_TheLongestTextOfThisYearsPlan_IsTheDuty()
    {
        // Act
        var (duty, errors) = DepartmentSubmissionRules.Check(s_hubei, new DateOnly(2026, 11, 30),
            new DepartmentSubmissionDraft("fgw", 2026, "plan", new string('字', DepartmentSubmissionRules.MaxTextLength)));

        // Assert
        Assert.True(errors.IsEmpty);
        Assert.Equal(s_plan2026, duty);
    }
}
