using GreenCommunity.Dashboard.Components.Controls.Submit;
using GreenCommunity.Data.Communities;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Tests.Components;

/// <summary>The stages a row offers are the changes the Domain's rules allow this sender from the community's stage.</summary>
public sealed class StageChoicesTests
{
    private static readonly DateOnly s_today = new(2026, 11, 30);

    [Theory]
    [InlineData(Stage.NotStarted, false, new[] { Stage.Pilot, Stage.InProgress })]
    [InlineData(Stage.Pilot, true, new[] { Stage.InProgress })]
    [InlineData(Stage.InProgress, false, new[] { Stage.Pilot })]
    [InlineData(Stage.Accepted, true, new Stage[0])]
    public void For_Locality_OffersTheAllowedChangesButAcceptance(Stage current, bool wasPilot, Stage[] offered)
    {
        Assert.Equal(offered, StageChoices.For(Community(current, wasPilot), SubmitterScope.ForLocality("420100"), "420100", s_today));
    }

    [Theory]
    [InlineData(Stage.Pilot, true, new[] { Stage.InProgress, Stage.Accepted })]
    [InlineData(Stage.Accepted, false, new[] { Stage.InProgress })]
    [InlineData(Stage.Accepted, true, new[] { Stage.Pilot, Stage.InProgress })]
    public void For_Province_AlsoAcceptsAndTakesBack(Stage current, bool wasPilot, Stage[] offered)
    {
        Assert.Equal(offered, StageChoices.For(Community(current, wasPilot), SubmitterScope.Province, "420100", s_today));
    }

    [Fact]
    public void For_NoCommunityYet_OffersWhatTheSenderCouldReportOfSomeCommunity()
    {
        Assert.Equal([Stage.Pilot, Stage.InProgress], StageChoices.For(null, SubmitterScope.ForLocality("420100"), "420100", s_today));
        Assert.Equal([Stage.Pilot, Stage.InProgress, Stage.Accepted], StageChoices.For(null, SubmitterScope.Province, "420100", s_today));
    }

    private static CommunitySearchResult Community(Stage stage, bool wasPilot) => new("420102002003", "保成社区", "江岸区", "大智街道", stage, wasPilot);
}
