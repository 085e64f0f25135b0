using System.Globalization;
using System.Net;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace GreenCommunity.Dashboard.Tests.Exports;

public sealed class DistrictWorkbookTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_WuhanOnTheStartedDueDay_ReadsBackTitleChineseHeadersAndEachDistrictsFigures()
    {
        // Arrange: the figures on the day, a month and three months before, straight from the live view's trees.
        using var client = await factory.SignedInClientAsync("leader");
        var live = factory.Services.GetRequiredService<LiveProgress>();
        var day = new DateOnly(2022, 6, 30);
        var now = (await live.GetAsync(day, Ct)).Province.Find("420100")!;
        var monthAgo = (await live.GetAsync(new DateOnly(2022, 5, 30), Ct)).Province;
        var quarterAgo = (await live.GetAsync(new DateOnly(2022, 3, 30), Ct)).Province;

        // Act
        var response = await client.GetAsync("/locality/420100/districts.xlsx?asOf=2022-06-30", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var rows = Read(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("武汉市 各区县创建进度对比 · 截至2022-06-30", rows[0]["A"]);
        var headers = rows[1].Values.Select(v => v?.ToString()).ToList();
        Assert.Equal(["类别", "代码", "县（市、区）", "排名", "城市社区", "曾列试点", "已启动", "启动率（%）", "已验收", "达标率（%）",
            "近1个月新启动", "近1个月新验收", "近3个月新启动", "近3个月新验收", "尚需试点（1个）", "尚需启动（30%）", "尚需验收（60%）",
            "2022-06-30预计数", "2022-06-30目标所需数", "有风险", "全部启动（预测）", "全部验收（预测）"], headers);
        Assert.Equal(2 + 13 + 2, rows.Count);
        var districts = rows.Skip(2).Take(13).ToList();
        Assert.Equal(now.Children.Select(c => c.Region.Code), districts.Select(r => r["B"]));
        foreach (var (row, district) in districts.Zip(now.Children))
        {
            var f = district.Figures;
            var before = monthAgo.Find(district.Region.Code)!.Figures;
            var quarter = quarterAgo.Find(district.Region.Code)!.Figures;
            var required = (int)Math.Ceiling(Math.Round(f.Communities * 0.3, 9));
            Assert.Equal("区县", row["A"]);
            Assert.Equal(district.Region.Name, row["C"]);
            Assert.Equal(f.Communities, Number(row["E"]));
            Assert.Equal(f.Started, Number(row["G"]));
            Assert.Equal(Math.Round(f.StartedRate * 100, 1), Number(row["H"]), 9);
            Assert.Equal(f.Accepted, Number(row["I"]));
            Assert.Equal(f.Started - before.Started, Number(row["K"]));
            Assert.Equal(f.Started - quarter.Started, Number(row["M"]));
            Assert.Equal(f.Accepted - quarter.Accepted, Number(row["N"]));
            Assert.Null(row["O"]);   // a district has no pilot target of its own
            Assert.Equal(Math.Max(0, required - f.Started), Number(row["P"]));
            Assert.Equal(Math.Max(0, (int)Math.Ceiling(Math.Round(f.Communities * 0.6, 9)) - f.Accepted), Number(row["Q"]));
            Assert.Equal(f.Started, Number(row["R"]), 9);   // on the due day itself nothing is left to carry forward
            Assert.Equal(required, Number(row["S"]));
            Assert.Equal(f.Started < required ? "是" : "否", row["T"]);
        }
        Assert.Equal(["全市", "420100", "武汉市"], new[] { rows[15]["A"], rows[15]["B"], rows[15]["C"] });
        Assert.EndsWith("/17", (string)rows[15]["D"]!, StringComparison.Ordinal);
        Assert.Equal(now.Figures.Started, Number(rows[15]["G"]));
        Assert.Equal(["全省", "湖北省"], new[] { rows[16]["A"], rows[16]["C"] });
        Assert.Equal(5222, Number(rows[16]["E"]));
    }

    [Theory]
    [InlineData("/locality/999999/districts.xlsx", HttpStatusCode.NotFound)]
    [InlineData("/locality/420102/districts.xlsx", HttpStatusCode.NotFound)]   // a district, not a locality
    [InlineData("/locality/42/districts.xlsx", HttpStatusCode.NotFound)]
    [InlineData("/locality/420100/districts.xlsx?asOf=2022-02-30", HttpStatusCode.BadRequest)]
    [InlineData("/locality/420100/districts.xlsx?asOf=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/locality/420100/districts.xlsx?asOf=2999-01-01", HttpStatusCode.BadRequest)]
    [InlineData("/locality/420100/districts.xlsx?asOf=2020-01-31", HttpStatusCode.OK)]   // before the campaign: all zero, still a file
    public async Task Get_BadLocalityOrDay_AnswersItsStatusNeverA500(string address, HttpStatusCode expected)
    {
        // Arrange
        using var client = await factory.SignedInClientAsync("wuhan");

        // Act
        var response = await client.GetAsync(address, Ct);

        // Assert
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Get_Anonymous_GoesToTheSignInPage()
    {
        // Arrange
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Act
        var response = await client.GetAsync("/locality/420100/districts.xlsx", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login?ReturnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private static List<IDictionary<string, object?>> Read(byte[] bytes) =>
        new MemoryStream(bytes).Query().Cast<IDictionary<string, object?>>().ToList();

    private static double Number(object? cell) => Convert.ToDouble(cell, CultureInfo.InvariantCulture);
}
