using Bunit;
using GreenCommunity.Dashboard.Components.Pages;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Maps;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Maps;

/// <summary>A locality's county map tells its districts apart: the province's 5-point bands painted all 13 of Wuhan's one colour.</summary>
public sealed class DistrictMapTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task LocalityPage_DefaultMap_GivesDistrictsAtDifferentRatesDifferentColoursInTheirOrder()
    {
        // Arrange: today the measure is the accepted rate (the 60% target is the one kept).
        var snapshot = await Factory.Services.GetRequiredService<LiveProgress>().GetAsync(null, Xunit.TestContext.Current.CancellationToken);
        var wuhan = snapshot.Province.Find("420100")!;
        var rates = wuhan.Children.ToDictionary(d => d.Region.Code, d => d.Figures.AcceptedRate);

        // Act
        var cut = Render<LocalityPage>(p => p.Add(l => l.Code, "420100"));
        cut.WaitForState(() => cut.FindAll("[data-testid='map-panel'] use[data-code]").Count == 13);

        // Assert: the lowest and the highest differ, colours never go back down as the rate rises, and there are as many
        // colours as bands (five, or fewer distinct rates).
        var fills = cut.FindAll("[data-testid='map-panel'] use[data-code]").ToDictionary(u => u.GetAttribute("data-code")!, u => u.GetAttribute("fill")!);
        var bins = cut.FindAll("[data-testid='map-panel'] use[data-code]").ToDictionary(u => u.GetAttribute("data-code")!, u => int.Parse(u.GetAttribute("data-bin")!, System.Globalization.CultureInfo.InvariantCulture));
        var ordered = rates.OrderBy(r => r.Value).Select(r => r.Key).ToList();
        Assert.NotEqual(fills[ordered[0]], fills[ordered[^1]]);
        Assert.Equal(bins.Values.Order(), ordered.Select(c => bins[c]));
        Assert.Equal(Math.Min(5, rates.Values.Select(r => Math.Round(r, 9)).Distinct().Count()), fills.Values.Distinct().Count());
        Assert.Contains("各区县", cut.Find("[data-testid='map-legend'] .legend-title").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2022-06-30")]
    [InlineData("2022-12-31")]
    [InlineData(null)]
    public async Task DistrictSpread_NoBandMixesDistrictsBelowAndAtTheTarget_AndEveryBandBelowItSaysSo(string? day)
    {
        // Arrange: on 2022-06-30 Wuhan's 江岸区 (28.6%) and 洪山区 (29.5%) shared a band with districts at or above 30%.
        var asOf = day is null ? (DateOnly?)null : DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var snapshot = await Factory.Services.GetRequiredService<LiveProgress>().GetAsync(asOf, Xunit.TestContext.Current.CancellationToken);
        var campaign = snapshot.Campaign;
        var measure = DistrictComparison.MeasureOn(campaign, snapshot.Day);
        var kind = measure == ComparisonMeasure.AcceptedRate ? GreenCommunity.Domain.Campaigns.MilestoneKind.AcceptedShare : GreenCommunity.Domain.Campaigns.MilestoneKind.StartedShare;
        var target = campaign.Milestones.First(m => m.Kind == kind).Minimum;

        // Act
        var view = Services.GetRequiredService<MapViewBuilder>().Build(snapshot, snapshot.Province.Find("420100")!, MapMetric.DistrictSpread, english: false);

        // Assert
        foreach (var band in view.Data.Values.GroupBy(d => d.Bin))
        {
            var below = band.Select(d => d.Value!.Value < target - 1e-9).Distinct().ToList();
            Assert.True(below.Count == 1, $"band {band.Key} mixes: {string.Join(", ", band.Select(d => $"{d.Name} {d.Display}"))}");
            var label = view.Legend.Single(l => l.Bin == band.Key).Label;
            Assert.Equal(below[0], label.Contains("未达目标", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task DistrictSpread_DistrictsJustBelowTheTarget_NeverShareABandWithOnesAtOrAboveIt()
    {
        // Arrange: Wuhan's 13 districts before the 30% started target, the lowest two just below it (as 江岸区 28.6% and
        // 洪山区 29.5% were on 2022-06-30); equal-count bands put 28.6%, 29.5% and 30.5% in one band.
        var live = await Factory.Services.GetRequiredService<LiveProgress>().GetAsync(null, Xunit.TestContext.Current.CancellationToken);
        var wuhan = live.Province.Find("420100")!;
        int[] started = [286, 295, 305, 310, 320, 330, 340, 350, 360, 370, 380, 390, 400];
        var counties = wuhan.Children.Select((d, i) => (d.Region.Code, Started: started[i]))
            .ToDictionary(c => c.Code, c => new GreenCommunity.Domain.Progress.ProgressFigures(1000, 1000 - c.Started, 0, c.Started, 0, 1), StringComparer.Ordinal);
        var province = GreenCommunity.Domain.Progress.ProgressTree.Build([live.Province.Region, wuhan.Region, .. wuhan.Children.Select(d => d.Region)], counties);
        var snapshot = new ProgressSnapshot
        {
            Day = new DateOnly(2022, 5, 31),
            Campaign = live.Campaign,
            Province = province,
            Judged = live.Judged,
            Series = live.Series,
            Shares = live.Shares,
            Reporting = live.Reporting,
            Layers = live.Layers,
        };

        // Act
        var view = Services.GetRequiredService<MapViewBuilder>().Build(snapshot, province.Find("420100")!, MapMetric.DistrictSpread, english: false);

        // Assert: the two below the target have a band of their own, marked as below it; no other band is.
        var low = wuhan.Children.Take(2).Select(d => view.Data[d.Region.Code].Bin).Distinct().ToList();
        Assert.All(wuhan.Children.Skip(2), d => Assert.DoesNotContain(view.Data[d.Region.Code].Bin, low));
        Assert.All(view.Legend, l => Assert.Equal(low.Contains(l.Bin), l.Label.Contains("未达目标", StringComparison.Ordinal)));
    }

    [Fact]
    public void ProvincePage_DefaultMap_StaysTheDistanceToTheTarget()
    {
        // Act
        var cut = Render<Overview>();
        cut.WaitForState(() => cut.FindAll("[data-testid='map-panel'] use[data-code]").Count == 17);

        // Assert
        Assert.StartsWith("距目标（", cut.Find("[data-testid='map-legend'] .legend-title").TextContent.Trim(), StringComparison.Ordinal);
    }
}
