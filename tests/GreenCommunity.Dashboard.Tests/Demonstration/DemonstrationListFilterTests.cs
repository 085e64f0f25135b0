using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GreenCommunity.Dashboard.Tests.Shared;
using MiniExcelLibs;
using static GreenCommunity.Dashboard.Tests.Demonstration.DemonstrationRequests;

namespace GreenCommunity.Dashboard.Tests.Demonstration;

public sealed class DemonstrationListFilterTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private const string CurrentBase = "EXISTS (SELECT 1 FROM demonstration_bases d WHERE d.community_code = c.code AND d.withdrawn_at IS NULL)";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("demonstration=true", CurrentBase)]
    [InlineData("demonstration=false", "NOT " + CurrentBase)]
    [InlineData("", "1 = 1")]
    public async Task List_Demonstration_TrueIsCurrentBasesFalseIsTheRestAbsentIsBoth(string query, string condition)
    {
        // Arrange: the demo's bases, and one designated and withdrawn (no longer a base)
        using var client = factory.CreateClient(factory.Tokens.Province);
        var withdrawn = await CommunityAsync(factory, Wuhan);
        await client.SendAsync(Post("/api/v1/demonstration-bases", Designation(withdrawn)), Ct);
        await client.SendAsync(Post(Withdrawal(withdrawn), new JsonObject { ["reason"] = "撤销" }), Ct);
        var bases = await factory.QueryAsync<string>("SELECT community_code FROM demonstration_bases WHERE locality_code = '420100' AND withdrawn_at IS NULL ORDER BY community_code");
        var expected = await factory.ScalarAsync<long>($"SELECT COUNT(*) FROM communities c WHERE c.locality_code = '420100' AND {condition}");
        Assert.NotEmpty(bases);

        // Act
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/communities?locality=420100&pageSize=500&{query}", Ct);

        // Assert
        Assert.Equal(expected, list.GetProperty("total").GetInt64());
        var codes = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToList();
        if (query == "demonstration=true")
        {
            Assert.Equal(bases, codes);
            Assert.DoesNotContain(withdrawn, codes);
        }
        else if (query == "demonstration=false")
        {
            Assert.Empty(codes.Intersect(bases));
        }
    }

    [Fact]
    public async Task List_DemonstrationNotABoolean_Is400NamingIt()
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Province);

        // Act
        var response = await client.GetAsync("/api/v1/communities?demonstration=yes", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("demonstration", out _));
    }

    [Fact]
    public async Task List_DemonstrationAsWorkbook_HoldsOnlyTheBases()
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Province);
        var bases = await factory.ScalarAsync<long>("SELECT COUNT(*) FROM demonstration_bases WHERE withdrawn_at IS NULL");

        // Act
        var response = await client.GetAsync("/api/v1/communities?demonstration=true&format=xlsx", Ct);
        var rows = MiniExcel.Query(await response.Content.ReadAsStreamAsync(Ct), useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("筛选：示范教育基地", rows[0].Values.First()?.ToString(), StringComparison.Ordinal);
        Assert.Equal(bases, rows.Count - 2);   // a title row, a header row
    }
}
