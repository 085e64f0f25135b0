using Bunit;
using GreenCommunity.Dashboard.Components.Controls.Display;
using GreenCommunity.Dashboard.Tests.Shared;

namespace GreenCommunity.Dashboard.Tests.Display;

/// <summary>The wall screen's rotation, panel choice, live ticker and replay, on the factory's seeded data.</summary>
public sealed class DisplayScreenTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    /// <summary>How long a change may take to reach the markup on a busy machine (a wait ends as soon as it is there).</summary>
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(10);

    private static string Panel(IRenderedComponent<DisplayScreen> cut) => cut.Find("[data-testid='display-screen']").GetAttribute("data-panel")!;

    private IRenderedComponent<DisplayScreen> RenderScreen(string? panels = null, string? rotate = null, string? focus = null, string? replay = null, string? speed = null)
    {
        SignInAs("display", "display");
        var cut = Render<DisplayScreen>(p => p
            .Add(s => s.PanelsText, panels).Add(s => s.RotateText, rotate).Add(s => s.FocusText, focus)
            .Add(s => s.ReplayText, replay).Add(s => s.SpeedText, speed));
        cut.WaitForElement("[data-testid='display-panel']");
        return cut;
    }

    [Fact]
    public void Rotation_ChosenPanelsEveryChosenSeconds_InTheirOrder()
    {
        // Arrange
        Clock.AutoAdvanceAmount = TimeSpan.Zero;   // only the test moves time
        var cut = RenderScreen(panels: "ranking,criteria,compliance", rotate: "30");
        var seen = new List<string> { Panel(cut) };

        // Act
        Clock.Advance(TimeSpan.FromSeconds(29));
        var before = Panel(cut);
        foreach (var _ in Enumerable.Range(0, 3))
        {
            Clock.Advance(TimeSpan.FromSeconds(30));
            cut.WaitForAssertion(() => Assert.NotEqual(seen[^1], Panel(cut)));
            seen.Add(Panel(cut));
        }

        // Assert
        Assert.Equal("ranking", before);
        Assert.Equal(["ranking", "criteria", "compliance", "ranking"], seen);
        Assert.NotEmpty(cut.FindAll("[data-testid='milestone-ranking']"));
        Assert.Equal(3, cut.FindAll(".rotation-dot").Count);
    }

    [Fact]
    public void Keys_SpacePausesTheRotationArrowsStep()
    {
        // Arrange
        Clock.AutoAdvanceAmount = TimeSpan.Zero;
        var cut = RenderScreen(panels: "map,ranking,criteria");
        var screen = () => cut.Find("[data-testid='display-screen']");

        // Act and assert: each key's effect is awaited in the markup (a busy machine renders late), and time moves only while paused
        screen().KeyDown(" ");
        cut.WaitForAssertion(() => Assert.Equal("true", screen().GetAttribute("data-paused")), s_patience);
        Clock.Advance(TimeSpan.FromSeconds(65));
        Assert.Equal("map", Panel(cut));
        screen().KeyDown("ArrowLeft");
        cut.WaitForAssertion(() => Assert.Equal("criteria", Panel(cut)), s_patience);
        screen().KeyDown("ArrowRight");
        cut.WaitForAssertion(() => Assert.Equal("map", Panel(cut)), s_patience);
        screen().KeyDown("ArrowRight");
        cut.WaitForAssertion(() => Assert.Equal("ranking", Panel(cut)), s_patience);
        screen().KeyDown(" ");
        cut.WaitForAssertion(() => Assert.Equal("false", screen().GetAttribute("data-paused")), s_patience);
        Clock.Advance(TimeSpan.FromSeconds(20));
        cut.WaitForAssertion(() => Assert.Equal("criteria", Panel(cut)), s_patience);
    }

    [Fact]
    public void Focus_FixedLocality_ShowsItsDistrictsAndFigures()
    {
        // Act
        var cut = RenderScreen(panels: "focus", focus: "420500");

        // Assert
        Assert.Equal("420500", cut.Find("[data-testid='display-map-panel']").GetAttribute("data-region"));
        Assert.Contains("宜昌市", cut.Find("[data-testid='display-panel-title']").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-testid='region-map'] [data-code='420502']"));
        Assert.Empty(cut.FindAll("[data-testid='display-ignored']"));
    }

    [Fact]
    public void Settings_UnusableValues_RunOnDefaultsAndSayWhatWasIgnored()
    {
        // Act
        var cut = RenderScreen(panels: "weather", rotate: "1");

        // Assert
        Assert.Equal("map", Panel(cut));
        Assert.Equal(5, cut.FindAll(".rotation-dot").Count);
        var ignored = cut.Find("[data-testid='display-ignored']").TextContent;
        Assert.Contains("panels=weather", ignored, StringComparison.Ordinal);
        Assert.Contains("rotate=1", ignored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ticker_ReportCommitted_AppearsOnTopWithoutReload()
    {
        // Arrange
        var cut = RenderScreen(panels: "map");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".ticker-item")), s_patience);   // a busy machine renders the feed late
        var onOpening = cut.FindAll(".ticker-item").Count;
        var highlightedOnOpening = cut.FindAll(".ticker-item.arrived").Count;
        var communities = await Factory.TakeNotStartedAsync("420600", 2);

        // Act
        var result = await LiveReports.StartAsync(Factory, "420600", communities, ReportBodies.Today);

        // Assert
        cut.WaitForAssertion(() =>
        {
            var top = cut.Find(".ticker-item");
            Assert.Equal(result.Report!.ReportId, top.GetAttribute("data-report-id"));
            Assert.Contains("襄阳市", top.TextContent, StringComparison.Ordinal);
            Assert.Contains("arrived", top.ClassList);   // highlighted: it came while the screen was open
        }, s_patience);
        Assert.True(onOpening > 0);
        Assert.Equal(0, highlightedOnOpening);   // what was there already is not news
        Assert.Single(cut.FindAll(".ticker-item.arrived"));
    }

    [Fact]
    public void Replay_PlaysTheMonthEndsThenGoesLive()
    {
        // Arrange
        Clock.AutoAdvanceAmount = TimeSpan.Zero;
        var seen = new List<string>();

        // Act: one month end a second.
        var cut = RenderScreen(panels: "map", replay: "2021-06..2021-08", speed: "60");
        void Note()
        {
            var replay = cut.FindAll("[data-testid='display-replay']");
            var shown = replay.Count == 0 ? "live" : replay[0].TextContent;
            lock (seen)
            {
                if (seen.Count == 0 || seen[^1] != shown)
                {
                    seen.Add(shown);
                }
            }
        }
        // Listen before the first look: a frame drawn between the two would otherwise go unseen.
        cut.OnMarkupUpdated += (_, _) => Note();
        Note();
        // Each frame is drawn before its wait starts: a second given before the wait began is simply given again.
        for (var i = 0; i < 300 && !(seen.Any(f => f.Contains("2021-08-31", StringComparison.Ordinal)) && seen[^1] == "live"); i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            Thread.Sleep(50);
        }

        // Assert
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid='display-replay']")));
        Assert.Equal("false", cut.Find("[data-testid='display-screen']").GetAttribute("data-replay"));
        Assert.Contains(ReportBodies.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-testid='display-as-of']").TextContent, StringComparison.Ordinal);
        var frames = seen.Where(s => s != "live").Select(s => s[(s.IndexOf('：', StringComparison.Ordinal) + 1)..s.IndexOf(' ', StringComparison.Ordinal)]).ToList();
        Assert.Equal(["2021-06-30", "2021-07-31", "2021-08-31"], frames);
        Assert.Equal("live", seen[^1]);
    }
}
