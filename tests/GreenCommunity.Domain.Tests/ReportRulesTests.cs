using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Domain.Tests;

public sealed class ReportRulesTests
{
    private static readonly Campaign s_hubei = CampaignDefinition.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "campaigns", "hubei-2021-2022.json")));

    private static readonly DateTimeOffset s_received = new(2022, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void CheckShape_ValidLocalityReport_HasNoErrors()
    {
        // Arrange
        var report = Report("2022-05", new CommunityUpdate("420102002003", Stage.InProgress, new DateOnly(2022, 5, 20), new Dictionary<int, double> { [1] = 1, [12] = 0.42 }));

        // Act
        var errors = Check(report, SubmitterScope.ForLocality("420100"));

        // Assert
        Assert.True(errors.IsEmpty);
    }

    [Fact]
    public void CheckShape_ManyProblems_ListsEveryOneByPath()
    {
        // Arrange
        var report = Report("2022-06",
            new CommunityUpdate("420102002003", Stage.Accepted, new DateOnly(2022, 5, 21), new Dictionary<int, double>()),
            new CommunityUpdate("42010", null, new DateOnly(2021, 5, 31), new Dictionary<int, double> { [17] = 1, [12] = 1.5, [3] = 0.5 }));

        // Act
        var errors = Check(report, SubmitterScope.ForLocality("420500")).ToDictionary();

        // Assert
        Assert.Equal(
            ["locality", "period", "updates[0].effective", "updates[0].stage", "updates[1].community", "updates[1].effective", "updates[1].criteria.17", "updates[1].criteria.12", "updates[1].criteria.3"],
            errors.Keys);
    }

    [Theory]
    [InlineData(ReportKind.Monthly, "2021-05", false)]   // before the campaign
    [InlineData(ReportKind.Monthly, "2021-06", true)]
    [InlineData(ReportKind.Monthly, "2026-05", false)]   // future
    [InlineData(ReportKind.Annual, "2021", true)]
    [InlineData(ReportKind.Annual, "2020", false)]
    [InlineData(ReportKind.Plan, "2021-09", false)]      // a plan's period is a year
    public void CheckShape_Period_MustBeWithinCampaignAndNotFuture(ReportKind kind, string period, bool valid)
    {
        // Arrange
        var parsed = ReportPeriod.TryParse(period, monthly: period.Length == 7, out var p);
        var report = new ReportSubmission("420100", kind, p, "武汉市住房和城乡建设局", null, []);

        // Act
        var errors = Check(report, SubmitterScope.Province);

        // Assert
        Assert.True(parsed);
        Assert.Equal(valid, errors.IsEmpty);
    }

    [Theory]
    [InlineData("2022-05", true, true)]
    [InlineData("2022-13", true, false)]
    [InlineData("2022-5", true, false)]
    [InlineData("2022", false, true)]
    [InlineData("22", false, false)]
    [InlineData("2022-05", false, false)]
    public void TryParse_Period_AcceptsOnlyTheRightShape(string text, bool monthly, bool ok) =>
        Assert.Equal(ok, ReportPeriod.TryParse(text, monthly, out _));

    private static ReportSubmission Report(string period, params CommunityUpdate[] updates)
    {
        Assert.True(ReportPeriod.TryParse(period, monthly: true, out var p));
        return new ReportSubmission("420100", ReportKind.Monthly, p, "武汉市住房和城乡建设局", "进展", updates);
    }

    private static ValidationErrors Check(ReportSubmission report, SubmitterScope scope)
    {
        var errors = new ValidationErrors();
        ReportRules.CheckShape(report, scope, s_hubei, s_received, errors);
        return errors;
    }
}
