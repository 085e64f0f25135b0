using GreenCommunity.Dashboard.Display;

namespace GreenCommunity.Dashboard.Tests.Display;

public sealed class DisplayRotationTests
{
    private static readonly string[] s_localities = ["420100", "420200", "420300"];

    [Fact]
    public void Advance_GoesRoundThePanelsInOrder_AndHoldsWhilePaused()
    {
        // Arrange
        var rotation = new DisplayRotation([DisplayPanel.Map, DisplayPanel.Ranking, DisplayPanel.Criteria], s_localities, null);
        var seen = new List<DisplayPanel> { rotation.Current };

        // Act
        for (var i = 0; i < 3; i++)
        {
            rotation.Advance();
            seen.Add(rotation.Current);
        }
        rotation.TogglePause();
        var advancedWhilePaused = rotation.Advance();

        // Assert
        Assert.Equal([DisplayPanel.Map, DisplayPanel.Ranking, DisplayPanel.Criteria, DisplayPanel.Map], seen);
        Assert.False(advancedWhilePaused);
        Assert.Equal(DisplayPanel.Map, rotation.Current);
    }

    [Fact]
    public void Step_ArrowsWorkWhilePaused_BackwardsFromTheFirstIsTheLast()
    {
        // Arrange
        var rotation = new DisplayRotation([DisplayPanel.Map, DisplayPanel.Ranking, DisplayPanel.Compliance], s_localities, null);
        rotation.TogglePause();

        // Act
        rotation.Step(-1);
        var last = rotation.Current;
        rotation.Step(1);

        // Assert
        Assert.Equal(DisplayPanel.Compliance, last);
        Assert.Equal(DisplayPanel.Map, rotation.Current);
        Assert.True(rotation.Paused);
    }

    [Fact]
    public void Focus_WithoutALocality_EachShowingIsTheNextLocalityAndBackShowsTheSameAgain()
    {
        // Arrange
        var rotation = new DisplayRotation([DisplayPanel.Map, DisplayPanel.Focus], s_localities, null);
        var shown = new List<string?>();

        // Act: map, focus, map, focus, map, focus, map, focus (round the three localities and back to the first)
        for (var i = 0; i < 8; i++)
        {
            rotation.Advance();
            if (rotation.Current == DisplayPanel.Focus)
            {
                shown.Add(rotation.FocusLocality);
            }
        }
        rotation.Advance();   // focus: 420200
        rotation.Step(1);     // map
        rotation.Step(-1);    // focus again, backwards: the same locality

        // Assert
        Assert.Equal(["420100", "420200", "420300", "420100"], shown);
        Assert.Equal(DisplayPanel.Focus, rotation.Current);
        Assert.Equal("420200", rotation.FocusLocality);
    }

    [Fact]
    public void Focus_FixedLocality_StaysThroughTheRotation()
    {
        // Arrange
        var rotation = new DisplayRotation([DisplayPanel.Focus], s_localities, "420300");

        // Act
        rotation.Advance();
        rotation.Advance();

        // Assert
        Assert.Equal("420300", rotation.FocusLocality);
        Assert.Equal(2, rotation.Turns);
    }
}
