using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GreenCommunity.Dashboard.Tests.Shared;
using MiniExcelLibs;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.Api;

public sealed class CommunityListApiTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private const string FormulaCommunity = "420102002999";   // made up for these tests: =HYPERLINK("http://x")社区

    private static readonly string[] s_stages = ["not_started", "pilot", "in_progress", "accepted"];
    private static readonly string[] s_firstColumns = ["A", "B", "C", "D", "E"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_Locality_GivesThePageInTheContractShape()
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Localities[Yichang]);   // any token may read any locality
        var wuhan = await factory.ScalarAsync<long>("SELECT COUNT(*) FROM communities WHERE locality_code = '420100'");
        var baochengReport = await factory.ScalarAsync<string?>(
            "SELECT r.report_id FROM community_state s JOIN reports r ON r.id = s.last_report WHERE s.community_code = '420102002003'");

        // Act
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/communities?locality=420100&q=420102002003", Ct);
        var whole = await client.GetFromJsonAsync<JsonElement>("/api/v1/communities?locality=420100&page=2&pageSize=20", Ct);

        // Assert
        Assert.Equal(["total", "page", "pageSize", "items"], list.EnumerateObject().Select(p => p.Name));
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(["code", "name", "county", "town", "locality", "stage", "pilot", "since", "criteriaMet", "lastReport"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("420102002003", "保成社区", "420102", "江岸区", "420102002", "大智街道", "420100"),
            (item.GetProperty("code").GetString(), item.GetProperty("name").GetString(), item.GetProperty("county").GetProperty("code").GetString(),
             item.GetProperty("county").GetProperty("name").GetString(), item.GetProperty("town").GetProperty("code").GetString(),
             item.GetProperty("town").GetProperty("name").GetString(), item.GetProperty("locality").GetString()));
        Assert.Contains(item.GetProperty("stage").GetString(), s_stages);
        Assert.InRange(item.GetProperty("criteriaMet").GetInt32(), 0, 16);
        Assert.Equal(baochengReport, item.GetProperty("lastReport").ValueKind == JsonValueKind.Null ? null : item.GetProperty("lastReport").GetProperty("reportId").GetString());
        Assert.Equal((wuhan, 2, 20, 20), (whole.GetProperty("total").GetInt64(), whole.GetProperty("page").GetInt32(), whole.GetProperty("pageSize").GetInt32(), whole.GetProperty("items").GetArrayLength()));
    }

    [Fact]
    public async Task List_StageAndUnmet_GivesOnlyRowsThatMatchAndCountsAllOfThem()
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Province);
        var expected = await factory.ScalarAsync<long>(
            "SELECT COUNT(*) FROM community_state s JOIN communities c ON c.code = s.community_code WHERE c.locality_code = '420100' AND s.stage = 2 AND s.criteria_met < 16");

        // Act
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/communities?locality=420100&stage=in_progress&unmet=any&sort=-criteriaMet&pageSize=500", Ct);

        // Assert
        Assert.Equal(expected, list.GetProperty("total").GetInt64());
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i => Assert.Equal("in_progress", i.GetProperty("stage").GetString()));
        Assert.All(items, i => Assert.True(i.GetProperty("criteriaMet").GetInt32() < 16));
        Assert.Equal(items.Select(i => i.GetProperty("criteriaMet").GetInt32()).OrderDescending(), items.Select(i => i.GetProperty("criteriaMet").GetInt32()));
    }

    [Theory]
    [InlineData("pilot=false", "s.pilot = 0")]
    [InlineData("pilot=true", "s.pilot = 1")]
    [InlineData("", "1 = 1")]
    public async Task List_Pilot_FalseIsNeverAPilotTrueIsEverOneAbsentIsBoth(string query, string condition)
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Province);
        var expected = await factory.ScalarAsync<long>(
            $"SELECT COUNT(*) FROM community_state s JOIN communities c ON c.code = s.community_code WHERE c.locality_code = '420100' AND {condition}");

        // Act
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/communities?locality=420100&pageSize=500&{query}", Ct);

        // Assert
        Assert.Equal(expected, list.GetProperty("total").GetInt64());
        var wanted = query switch { "pilot=false" => false, "pilot=true" => true, _ => (bool?)null };
        if (wanted is { } pilot)
        {
            Assert.All(list.GetProperty("items").EnumerateArray(), i => Assert.Equal(pilot, i.GetProperty("pilot").GetBoolean()));
        }
    }

    [Theory]
    [InlineData("stage=started", "stage")]
    [InlineData("unmet=0", "unmet")]
    [InlineData("unmet=17", "unmet")]
    [InlineData("c12Below=abc", "c12Below")]
    [InlineData("c12Below=130%25", "c12Below")]
    [InlineData("quietMonths=-1", "quietMonths")]
    [InlineData("pilot=yes", "pilot")]
    [InlineData("sort=height", "sort")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("page=99999999999", "page")]
    [InlineData("county=42a102", "county")]
    [InlineData("town=4201", "town")]
    [InlineData("locality=wuhan", "locality")]
    [InlineData("format=csv", "format")]
    public async Task List_BadValue_Is400NamingTheParameter(string query, string parameter)
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Province);

        // Act
        var response = await client.GetAsync($"/api/v1/communities?{query}", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Theory]
    [InlineData("locality=429900")]
    [InlineData("locality=420102")]   // a county-level code is not a locality
    [InlineData("county=420199")]
    public async Task List_UnknownLocalityOrCounty_Is404(string query)
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Province);

        // Act
        var response = await client.GetAsync($"/api/v1/communities?{query}", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task List_NoToken_Is401()
    {
        // Arrange
        using var client = factory.CreateClient();

        // Act
        var response = await client.GetAsync("/api/v1/communities", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ListXlsx_SignedInViewer_GetsTheFilteredRowsWithTitleChineseHeadersAndNamesAsText()
    {
        // Arrange: a community whose name looks like a formula
        await factory.ScalarAsync<long>(
            """
            INSERT OR IGNORE INTO communities (code, name, county_code, locality_code, town_code, town_name)
            VALUES ('420102002999', '=HYPERLINK("http://x")社区', '420102', '420100', '420102002', '大智街道');
            INSERT OR IGNORE INTO community_state (community_code) VALUES ('420102002999');
            SELECT 1;
            """);
        using var client = await factory.SignedInClientAsync("leader");
        var expected = await factory.ScalarAsync<long>("SELECT COUNT(*) FROM communities c JOIN community_state s ON s.community_code = c.code WHERE c.county_code = '420102' AND s.stage = 0");

        // Act
        var response = await client.GetAsync("/api/v1/communities?locality=420100&county=420102&stage=not_started&format=xlsx", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var rows = new MemoryStream(bytes).Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        var title = (string)rows[0]["A"]!;
        Assert.StartsWith("武汉市 社区名单 · ", title, StringComparison.Ordinal);
        Assert.Contains("筛选：区县 江岸区；阶段 未启动", title, StringComparison.Ordinal);
        Assert.Equal(["社区代码", "社区名称", "区县", "街道（乡镇）", "阶段"], s_firstColumns.Select(c => rows[1][c]));
        Assert.Equal(expected, rows.Count - 2);
        var formula = Assert.Single(rows, r => (r["A"] as string) == FormulaCommunity);
        Assert.Equal(("=HYPERLINK(\"http://x\")社区", "江岸区", "未启动"), ((string?)formula["B"], (string?)formula["C"], (string?)formula["E"]));
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var sheet = new StreamReader(zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).Open());
        Assert.DoesNotContain("<x:f", await sheet.ReadToEndAsync(Ct), StringComparison.Ordinal);
    }
}
