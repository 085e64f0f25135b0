using Bunit;
using GreenCommunity.Dashboard.Components.Pages;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Tests.Shared;

namespace GreenCommunity.Dashboard.Tests.Components;

public sealed class OverviewEnglishTests(DashboardFactory factory) : DashboardTestContext(factory, DashboardCultures.English), IClassFixture<DashboardFactory>
{
    [Fact]
    public void Render_English_ShowsEnglishLabelsAndPinyinNamesWithChinese()
    {
        // Act
        var cut = Render<Overview>();
        cut.WaitForElement("tr.locality-row");

        // Assert
        Assert.Equal("Province progress", cut.Find("h1").TextContent.Trim());
        var wuhan = cut.Find("td[data-code='420100']");
        Assert.Equal("Wuhan", wuhan.QuerySelector(".locality-name")!.TextContent);
        Assert.Equal("武汉市", wuhan.QuerySelector(".locality-name-zh")!.TextContent);
        Assert.DoesNotContain("全省创建进度", cut.Markup, StringComparison.Ordinal);
    }
}
