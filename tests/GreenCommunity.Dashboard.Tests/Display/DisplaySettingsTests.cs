using GreenCommunity.Dashboard.Display;

namespace GreenCommunity.Dashboard.Tests.Display;

public sealed class DisplaySettingsTests
{
    private static readonly string[] s_localities = ["420100", "420200", "420500"];
    private static readonly DateOnly s_start = new(2020, 7, 1);
    private static readonly DateOnly s_today = new(2026, 11, 30);

    private static DisplaySettings Parse(string? panels = null, string? rotate = null, string? focus = null, string? replay = null, string? speed = null) =>
        DisplaySettings.Parse(panels, rotate, focus, replay, speed, s_localities, s_start, s_today);

    [Fact]
    public void Parse_Nothing_AllPanelsEveryTwentySecondsLiveCyclingFocus()
    {
        // Act
        var settings = Parse();

        // Assert
        Assert.Equal([DisplayPanel.Map, DisplayPanel.Ranking, DisplayPanel.Criteria, DisplayPanel.Compliance, DisplayPanel.Focus], settings.Panels);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.Rotate);
        Assert.Null(settings.Focus);
        Assert.Null(settings.Replay);
        Assert.Empty(settings.Ignored);
    }

    [Fact]
    public void Parse_PanelsInTheAddressOrder_DuplicatesOnceUnknownNamedAsIgnored()
    {
        // Act
        var settings = Parse(panels: "compliance, MAP,compliance,weather", rotate: "45", focus: "420500");

        // Assert
        Assert.Equal([DisplayPanel.Compliance, DisplayPanel.Map], settings.Panels);
        Assert.Equal(TimeSpan.FromSeconds(45), settings.Rotate);
        Assert.Equal("420500", settings.Focus);
        Assert.Equal(["panels=weather"], settings.Ignored);
    }

    [Theory]
    [InlineData("panels", "x,y", "panels=x")]
    [InlineData("rotate", "0", "rotate=0")]
    [InlineData("rotate", "4", "rotate=4")]
    [InlineData("rotate", "3601", "rotate=3601")]
    [InlineData("rotate", "20s", "rotate=20s")]
    [InlineData("rotate", "-20", "rotate=-20")]
    [InlineData("focus", "999999", "focus=999999")]
    [InlineData("replay", "2022-12..2021-06", "replay=2022-12..2021-06")]
    [InlineData("replay", "2021-13..2022-01", "replay=2021-13..2022-01")]
    [InlineData("replay", "2010-01..2010-12", "replay=2010-01..2010-12")]
    [InlineData("replay", "2021-06", "replay=2021-06")]
    [InlineData("replay", "9999-12..9999-12", "replay=9999-12..9999-12")]
    [InlineData("replay", "0001-01..0001-12", "replay=0001-01..0001-12")]
    [InlineData("speed", "30", "speed=30")]
    public void Parse_AValueThatCannotBeUsed_DefaultsAndNamesIt(string name, string value, string ignored)
    {
        // Act
        var settings = name switch
        {
            "panels" => Parse(panels: value),
            "rotate" => Parse(rotate: value),
            "focus" => Parse(focus: value),
            "replay" => Parse(replay: value),
            _ => Parse(speed: value),
        };

        // Assert
        Assert.Contains(ignored, settings.Ignored);
        Assert.Equal(DisplayPanels.All, settings.Panels);
        Assert.Equal(DisplaySettings.DefaultRotate, settings.Rotate);
        Assert.Null(settings.Focus);
        Assert.Null(settings.Replay);
    }

    [Fact]
    public void Parse_EmptyValues_EachNamed_ALongOneByItsStart()
    {
        // Act
        var settings = Parse(panels: "", rotate: new string('9', 3000), focus: "", replay: "", speed: "");

        // Assert
        Assert.Equal(["panels=", "rotate=" + new string('9', 33) + "…", "focus=", "replay=", "speed="], settings.Ignored);
    }

    [Fact]
    public void Replay_JuneToDecember2022AtThirty_NineteenMonthEndsTwoSecondsApart()
    {
        // Act
        var replay = Parse(replay: "2021-06..2022-12", speed: "30").Replay!;

        // Assert
        Assert.Equal(19, replay.Frames.Count);
        Assert.Equal(new DateOnly(2021, 6, 30), replay.Frames[0]);
        Assert.Equal(new DateOnly(2022, 2, 28), replay.Frames[8]);
        Assert.Equal(new DateOnly(2022, 12, 31), replay.Frames[^1]);
        Assert.Equal(TimeSpan.FromSeconds(2), replay.Step);
        Assert.Equal("2021-06..2022-12", replay.Label);
    }

    [Fact]
    public void Replay_FromTheFirstToTheLastMonthThereIs_OnlyTheCampaignsMonthsUpToToday()
    {
        // Act
        var replay = Parse(replay: "0001-01..9999-12").Replay!;

        // Assert
        Assert.Equal(new DateOnly(2020, 7, 31), replay.Frames[0]);
        Assert.Equal(s_today, replay.Frames[^1]);
        Assert.Equal(77, replay.Frames.Count);
    }

    [Fact]
    public void Replay_ReachingThisMonth_EndsOnTodayNotOnAFutureMonthEnd()
    {
        // Act
        var replay = Parse(replay: "2026-10..2027-02", speed: "60").Replay!;

        // Assert
        Assert.Equal([new DateOnly(2026, 10, 31), s_today], replay.Frames);
        Assert.Equal(TimeSpan.FromSeconds(1), replay.Step);
    }
}
