using Bunit;
using GreenCommunity.Dashboard.Components.Pages;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Components;

/// <summary>The comparison and the forecasts on the real pages, over the seeded demo.</summary>
public sealed class LocalityComparisonPageTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task LocalityPage_PastDay_ListsEveryDistrictWithTheLocalityRankedAmongSeventeenAndTheWorkbookOfThatDay()
    {
        // Arrange
        var snapshot = await Factory.Services.GetRequiredService<LiveProgress>().GetAsync(new DateOnly(2022, 6, 30), Xunit.TestContext.Current.CancellationToken);
        var wuhan = snapshot.Province.Find("420100")!;

        // Act
        Services.GetRequiredService<NavigationManager>().NavigateTo("/locality/420100?asOf=2022-06-30");
        var cut = Render<LocalityPage>(p => p.Add(l => l.Code, "420100"));
        cut.WaitForElement("[data-testid='district-comparison'] tbody tr.district-row");

        // Assert
        Assert.Equal(wuhan.Children.Select(c => c.Region.Code).Order(StringComparer.Ordinal),
            cut.FindAll("tbody tr.district-row").Select(r => r.GetAttribute("data-code")!).Order(StringComparer.Ordinal));
        foreach (var district in wuhan.Children)
        {
            var row = cut.Find($"tbody tr[data-code='{district.Region.Code}']");
            Assert.Equal(district.Figures.Started.ToString("N0", System.Globalization.CultureInfo.CurrentCulture), row.QuerySelector("td[data-col='started']")!.TextContent.Trim());
        }
        Assert.EndsWith("/17", cut.Find("tfoot tr.locality-reference td[data-col='rank']").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("/locality/420100/districts.xlsx?asOf=2022-06-30", cut.Find("[data-testid='districts-download']").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid='locality-table']"));
    }

    [Fact]
    public void Overview_LocalityTable_GivesEachLocalityAndTheProvinceAForecast()
    {
        // Act
        var cut = Render<Overview>();
        cut.WaitForElement("tr.locality-row td[data-col='forecast']");

        // Assert: today is after the last milestone, so each forecast gives the days all are started and accepted.
        var cells = cut.FindAll("tr.locality-row td[data-col='forecast']");
        Assert.Equal(17, cells.Count);
        Assert.All(cells, c => Assert.Contains("全部验收", c.TextContent, StringComparison.Ordinal));
        Assert.Contains("全部启动", cut.Find("td[data-col='total-forecast']").TextContent, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("thead th"), th => th.TextContent.Contains("按近3个月进度预测", StringComparison.Ordinal));
    }
}
