using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Domain.Tests;

/// <summary><see cref="ReportRules.Judge"/>: one update against the community's state before it, with no store.</summary>
public sealed class ReportJudgeTests
{
    private static readonly DateOnly s_day = new(2022, 5, 20);

    private static readonly SubmitterScope s_wuhan = SubmitterScope.ForLocality("420100");

    private static Dictionary<int, double> AllMet() => Enumerable.Range(1, 16).ToDictionary(n => n, n => n == 12 ? 0.5 : 1.0);

    [Theory]
    [InlineData(Stage.NotStarted, Stage.InProgress, true)]
    [InlineData(Stage.InProgress, Stage.NotStarted, false)]   // once started, never back
    [InlineData(Stage.Pilot, Stage.NotStarted, false)]
    [InlineData(Stage.InProgress, Stage.Pilot, true)]
    public void Judge_StageChange_FollowsTheAction(Stage from, Stage to, bool allowed)
    {
        // Act
        var verdict = ReportRules.Judge(new CommunityState(from, false, new Dictionary<int, double>()), Update(to), s_wuhan);

        // Assert
        Assert.Equal(allowed, verdict.IsAllowed);
        if (!allowed)
        {
            var problem = Assert.Single(verdict.Problems);
            Assert.Equal(("stage", ReportProblemCodes.StageNotAllowed), (problem.Path, problem.Code));
            Assert.Equal($"A community cannot go from {from.ToApiName()} to {to.ToApiName()}.", problem.EnglishText);
        }
    }

    [Fact]
    public void Judge_LocalityTakesAnAcceptanceBack_IsRefused_TheProvinceMay()
    {
        // Arrange
        var accepted = new CommunityState(Stage.Accepted, false, AllMet());

        // Act
        var byLocality = ReportRules.Judge(accepted, Update(Stage.InProgress), s_wuhan);
        var byProvince = ReportRules.Judge(accepted, Update(Stage.InProgress), SubmitterScope.Province);

        // Assert
        Assert.Equal(ReportProblemCodes.TakeBackByProvinceOnly, Assert.Single(byLocality.Problems).Code);
        Assert.True(byProvince.IsAllowed);
        Assert.True(byProvince.Changes);
    }

    [Fact]
    public void Judge_AcceptanceWithUnmetCriteria_NamesThemAfterTheUpdatesOwnValues()
    {
        // Arrange: 3 and 12 unmet before; the update meets 3 itself.
        var before = AllMet();
        before[3] = 0;
        before[12] = 0.1;
        var update = new CommunityUpdate("420102002003", Stage.Accepted, s_day, new Dictionary<int, double> { [3] = 1 });

        // Act
        var verdict = ReportRules.Judge(new CommunityState(Stage.InProgress, false, before), update, SubmitterScope.Province);

        // Assert
        var problem = Assert.Single(verdict.Problems);
        Assert.Equal(ReportProblemCodes.CriteriaUnmet, problem.Code);
        Assert.Equal([12], (IEnumerable<int>)problem.Arguments[0]);
        Assert.Equal("Accepted only when all 16 criteria are met; not met: 12.", problem.EnglishText);
    }

    [Fact]
    public void Judge_SameStageAndValuesAgain_IsAllowedButChangesNothing()
    {
        // Arrange
        var before = new CommunityState(Stage.InProgress, false, new Dictionary<int, double> { [1] = 1 });
        var again = new CommunityUpdate("420102002003", Stage.InProgress, s_day, new Dictionary<int, double> { [1] = 1 });
        var changed = again with { Criteria = new Dictionary<int, double> { [1] = 0 } };

        // Act + Assert
        Assert.False(ReportRules.Judge(before, again, s_wuhan).Changes);
        Assert.True(ReportRules.Judge(before, changed, s_wuhan).Changes);
    }

    [Fact]
    public void ScopeProblems_AnotherLocalitysReportWithAnAcceptance_AreBothNamed()
    {
        // Arrange
        Assert.True(ReportPeriod.TryParse("2022-05", monthly: true, out var period));
        var report = new ReportSubmission("420500", ReportKind.Monthly, period, "x", null, [Update(Stage.InProgress), Update(Stage.Accepted)]);

        // Act
        var problems = ReportRules.ScopeProblems(report, s_wuhan);

        // Assert
        Assert.Equal([("locality", ReportProblemCodes.OutsideScope), ("updates[1].stage", ReportProblemCodes.AcceptedByProvinceOnly)],
            problems.Select(p => (p.Path, p.Code)));
        Assert.Empty(ReportRules.ScopeProblems(report, SubmitterScope.Province));
    }

    [Fact]
    public void EveryCode_HasAnEnglishText()
    {
        var codes = typeof(ReportProblemCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(codes.Order(), ReportProblemCodes.EnglishTexts.Keys.Order());
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    private static CommunityUpdate Update(Stage stage) => new("420102002003", stage, s_day, new Dictionary<int, double>());
}
