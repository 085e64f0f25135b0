using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Domain.Tests;

public sealed class StageTransitionTests
{
    [Theory]
    [InlineData(Stage.NotStarted, Stage.Pilot, false, true)]
    [InlineData(Stage.NotStarted, Stage.InProgress, false, true)]
    [InlineData(Stage.NotStarted, Stage.Accepted, false, false)]
    [InlineData(Stage.Pilot, Stage.Accepted, true, true)]
    [InlineData(Stage.InProgress, Stage.Accepted, false, true)]
    [InlineData(Stage.Pilot, Stage.NotStarted, true, false)]
    [InlineData(Stage.InProgress, Stage.NotStarted, false, false)]
    [InlineData(Stage.Accepted, Stage.NotStarted, false, false)]
    [InlineData(Stage.Accepted, Stage.InProgress, false, true)]
    [InlineData(Stage.Accepted, Stage.Pilot, true, true)]
    [InlineData(Stage.Accepted, Stage.Pilot, false, false)]
    [InlineData(Stage.InProgress, Stage.InProgress, false, true)]
    public void IsAllowed_Pair_FollowsTheCreationPath(Stage from, Stage to, bool wasPilot, bool expected)
    {
        // Act
        var allowed = StageTransitions.IsAllowed(from, to, wasPilot);

        // Assert
        Assert.Equal(expected, allowed);
    }

    [Theory]
    [InlineData("not_started", Stage.NotStarted)]
    [InlineData("pilot", Stage.Pilot)]
    [InlineData("in_progress", Stage.InProgress)]
    [InlineData("accepted", Stage.Accepted)]
    public void ApiNames_RoundTrip(string name, Stage stage)
    {
        // Act
        var parsed = StageNames.TryParseApiName(name, out var result);

        // Assert
        Assert.True(parsed);
        Assert.Equal(stage, result);
        Assert.Equal(name, stage.ToApiName());
    }

    [Theory]
    [InlineData("Accepted")]
    [InlineData("done")]
    [InlineData(null)]
    public void TryParseApiName_Unknown_Fails(string? name) => Assert.False(StageNames.TryParseApiName(name, out _));
}
