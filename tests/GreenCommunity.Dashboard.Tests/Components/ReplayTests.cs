using Bunit;
using GreenCommunity.Dashboard.Components.Pages;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Components;

public sealed class ReplayTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    [Fact]
    public void Replay_ToAChosenDay_ShowsEachMonthEndThenStopsThere()
    {
        // Arrange
        SignInAs("leader", "viewer");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?asOf=2021-08-31");
        var cut = Render<Overview>();
        cut.WaitForAssertion(() => Assert.Contains("2021-08-31", cut.Find("[data-testid='as-of']").TextContent, StringComparison.Ordinal));
        var seen = new List<string>();
        cut.OnMarkupUpdated += (_, _) =>
        {
            var shown = cut.Find("[data-testid='as-of']").TextContent;
            if (seen.Count == 0 || seen[^1] != shown)
            {
                seen.Add(shown);
            }
        };

        // Act: play at one month a second; the test's clock gives each second.
        cut.Find("[data-testid='replay-play']").Click();
        foreach (var frame in new[] { "2021-06-30", "2021-07-31", "2021-08-31" })
        {
            cut.WaitForAssertion(() => Assert.Contains(frame, seen[^1], StringComparison.Ordinal));
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Assert: 2021-06-30, 2021-07-31, then the chosen day, where it stops.
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='replay-play']")));
        var frames = seen.Select(s => s.Trim()).SkipWhile(s => s == "截至 2021-08-31").ToList();   // the play button turning into pause comes first
        Assert.Equal(["截至 2021-06-30", "截至 2021-07-31", "截至 2021-08-31"], frames);
    }
}
