using System.Globalization;
using Bunit;
using GreenCommunity.Dashboard.Components.Controls.Districts;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Tests.Model;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace GreenCommunity.Dashboard.Tests.Components;

/// <summary>The comparison table over the hand-made province of <see cref="DistrictComparisonTests"/> (2022-03-31, started target).</summary>
public sealed class DistrictComparisonTableTests : BunitContext
{
    private static readonly string[] s_districts = ["420102", "420103", "420104"];

    public DistrictComparisonTableTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(DashboardCultures.Chinese);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddDashboardLocalization();
    }

    [Fact]
    public void Render_Default_OrdersByTheMeasureOfTheDayLowestFirst()
    {
        // Act
        var cut = Render();

        // Assert: 20%, then the two at 40% by code.
        Assert.Equal(["420103", "420102", "420104"], Codes(cut));
        var sorted = cut.Find("thead th[aria-sort]");
        Assert.Equal(("started-rate", "ascending"), (sorted.GetAttribute("data-col"), sorted.GetAttribute("aria-sort")));
    }

    [Fact]
    public void SortBy_CommunitiesThenAgain_AscendsThenDescends()
    {
        // Arrange
        var cut = Render();

        // Act
        Header(cut, "communities").Click();
        var ascending = Codes(cut);
        Header(cut, "communities").Click();

        // Assert: 50, 50, 100 (ties by code), then 100 first.
        Assert.Equal(["420103", "420104", "420102"], ascending);
        Assert.Equal("420102", Codes(cut)[0]);
        Assert.Equal("descending", cut.Find("thead th[data-col='communities']").GetAttribute("aria-sort"));
    }

    [Fact]
    public void SortBy_StartedOverThreeMonths_OrdersByTheGain()
    {
        // Act
        var cut = Render();
        Header(cut, "started-3m").Click();

        // Assert: +3, +8, +20.
        Assert.Equal(["420103", "420104", "420102"], Codes(cut));
        Assert.Equal(["+3", "+8", "+20"], cut.FindAll("tbody td[data-col='started-3m']").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public void Render_ReferenceRows_ShowTheLocalityRankedAmongTheLocalitiesAndTheProvince()
    {
        // Act
        var cut = Render();

        // Assert: the references stay below the districts whatever the order.
        var references = cut.FindAll("tfoot tr.reference-row");
        Assert.Equal(["420100", "420000"], references.Select(r => r.GetAttribute("data-code")));
        Assert.Equal("甲市（全市）", references[0].QuerySelector("th")!.TextContent.Trim());
        Assert.Equal("1/2", references[0].QuerySelector("td[data-col='rank']")!.TextContent.Trim());
        Assert.Equal("湖北省（全省）", references[1].QuerySelector("th")!.TextContent.Trim());
        Assert.Equal("—", references[1].QuerySelector("td[data-col='rank']")!.TextContent.Trim());
        Assert.Equal("1", references[1].QuerySelector("td[data-col='pilots-needed']")!.TextContent.Trim());
        Assert.Equal(["1/3", "3/3", "1/3"], s_districts.Select(c => cut.Find($"tbody tr[data-code='{c}'] td[data-col='rank']").TextContent.Trim()));
    }

    [Fact]
    public void Render_ProvinceForecast_SaysAtRiskAndHowManyLocalitiesAreNotTheProvinceWideTotal()
    {
        // Act
        var cut = Render();

        // Assert: 乙市 falls short of its 30%, so the province row is at risk with one locality rather than "可达标，预计126个，需90个".
        var province = cut.Find("tfoot tr[data-code='420000'] td[data-col='forecast']");
        Assert.Equal("true", province.GetAttribute("data-risk"));
        Assert.Contains("1个市州有风险", province.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("可达标", province.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Forecast_FlagsTheDistrictShortOfThirtyPercentAndStatesTheMethod()
    {
        // Act
        var cut = Render();

        // Assert
        var slow = cut.Find("tbody tr[data-code='420103'] td[data-col='forecast']");
        Assert.Equal("true", slow.GetAttribute("data-risk"));
        Assert.Equal("有风险", slow.QuerySelector(".forecast-flag.at-risk")!.TextContent.Trim());
        Assert.Equal("预计13个，需15个", slow.QuerySelector(".forecast-text")!.TextContent.Trim());
        Assert.Equal("可达标", cut.Find("tbody tr[data-code='420102'] .forecast-flag").TextContent.Trim());
        var method = cut.Find("[data-testid='forecast-method']").TextContent;
        Assert.StartsWith("预测方法：", method, StringComparison.Ordinal);
        Assert.Contains("2022-06-30", method, StringComparison.Ordinal);
        Assert.Single(method.Split('。', StringSplitOptions.RemoveEmptyEntries));   // one sentence
    }

    [Fact]
    public void Render_Phone_TableScrollsInItsOwnBoxUnderRowHeaderNames()
    {
        // Act
        var cut = Render();

        // Assert: the table sits in a focusable scrolling region; each row starts with its name as a row header (kept in
        // view by the sticky first column of the component's stylesheet).
        var box = cut.Find(".district-scroll");
        Assert.Equal("region", box.GetAttribute("role"));
        Assert.Equal("0", box.GetAttribute("tabindex"));
        Assert.NotNull(box.QuerySelector("table.district-table"));
        Assert.All(cut.FindAll("tbody tr, tfoot tr"), row => Assert.Equal("TH", row.FirstElementChild!.TagName));
        Assert.Equal("/locality/420100/districts.xlsx", cut.Find("[data-testid='districts-download']").GetAttribute("href"));
    }

    private IRenderedComponent<DistrictComparisonTable> Render() =>
        Render<DistrictComparisonTable>(p => p
            .Add(t => t.Comparison, DistrictComparisonTests.Build())
            .Add(t => t.DownloadHref, "/locality/420100/districts.xlsx"));

    private static AngleSharp.Dom.IElement Header(IRenderedComponent<DistrictComparisonTable> cut, string column) =>
        cut.Find($"thead th[data-col='{column}'] button.sort-label");

    private static List<string?> Codes(IRenderedComponent<DistrictComparisonTable> cut) =>
        cut.FindAll("tbody tr.district-row").Select(r => r.GetAttribute("data-code")).ToList();
}
