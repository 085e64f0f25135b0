using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GreenCommunity.Dashboard.Contracts;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Progress;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.Api;

public sealed class ProgressApiTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Summary_Province_HasSeventeenChildrenThatAddUpAndMatchTheRows()
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Localities[Yichang]);   // any scope may read
        var accepted = await factory.ScalarAsync<long>("SELECT COUNT(*) FROM community_state WHERE stage = 3");

        // Act
        var summary = await client.GetFromJsonAsync<JsonElement>("/api/v1/summary?scope=42", Ct);

        // Assert
        Assert.Equal("420000", summary.GetProperty("scope").GetString());
        Assert.Equal("湖北省", summary.GetProperty("name").GetString());
        Assert.Equal(5222, summary.GetProperty("communities").GetInt32());
        Assert.Equal(accepted, summary.GetProperty("accepted").GetInt64());
        var children = summary.GetProperty("children").EnumerateArray().ToList();
        Assert.Equal(17, children.Count);
        foreach (var field in new[] { "communities", "notStarted", "pilot", "inProgress", "accepted" })
        {
            Assert.Equal(summary.GetProperty(field).GetInt32(), children.Sum(c => c.GetProperty(field).GetInt32()));
        }
        var started = summary.GetProperty("pilot").GetInt32() + summary.GetProperty("inProgress").GetInt32() + summary.GetProperty("accepted").GetInt32();
        Assert.Equal((double)started / 5222, summary.GetProperty("startedRate").GetDouble(), 12);
        Assert.Equal(accepted / 5222.0, summary.GetProperty("acceptedRate").GetDouble(), 12);
        Assert.False(children[0].TryGetProperty("children", out _));
    }

    [Fact]
    public async Task Summary_PastDay_CountsOnlyWhatWasEffectiveThen()
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Province);
        var startedThen = await factory.ScalarAsync<long>(
            """
            SELECT COUNT(*) FROM (
                SELECT community_code, stage, ROW_NUMBER() OVER (PARTITION BY community_code ORDER BY effective DESC, id DESC) AS rn
                  FROM stage_events WHERE effective <= '2022-06-30') WHERE rn = 1 AND stage > 0
            """);

        // Act
        var summary = await client.GetFromJsonAsync<JsonElement>("/api/v1/summary?scope=42&asOf=2022-06-30", Ct);
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/summary?scope=42&asOf=2021-05-31", Ct);

        // Assert
        Assert.Equal("2022-06-30", summary.GetProperty("asOf").GetString());
        Assert.Equal(startedThen, summary.GetProperty("pilot").GetInt64() + summary.GetProperty("inProgress").GetInt64() + summary.GetProperty("accepted").GetInt64());
        Assert.Equal(5222, before.GetProperty("notStarted").GetInt32());
    }

    [Theory]
    [InlineData("420000")]
    [InlineData("420100")]
    [InlineData("429004")]
    [InlineData("420102")]
    public async Task Summary_PastDays_AnswersTheJsonOfTheRegionReadFromItsCounties(string scope)
    {
        // Arrange: the answer as it was before the region timeline, from the region's whole subtree
        using var client = factory.CreateClient(factory.Tokens.Province);
        var progress = factory.Services.GetRequiredService<ProgressReader>();
        var json = factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        foreach (var day in new DateOnly[] { new(2021, 5, 31), new(2021, 11, 30), new(2022, 6, 30), progress.Today.AddDays(-1), progress.Today })
        {
            var node = await progress.GetRegionAsync(scope, day, Ct);
            var expected = JsonSerializer.SerializeToNode(RegionSummary.From(node!, day, withChildren: true), json);

            // Act
            var summary = await client.GetFromJsonAsync<JsonNode>($"/api/v1/summary?scope={scope}&asOf={day:yyyy-MM-dd}", Ct);

            // Assert
            Assert.True(JsonNode.DeepEquals(expected, summary), $"{scope} on {day:yyyy-MM-dd}: {summary?.ToJsonString()}, expected {expected?.ToJsonString()}");
        }
    }

    [Theory]
    [InlineData("420100", 13)]    // Wuhan's districts
    [InlineData("420102", 0)]     // 江岸区: a county has no children
    [InlineData("429004", 1)]     // 仙桃: a locality that is its own county-level unit
    public async Task Summary_LocalityOrCounty_ListsItsChildren(string scope, int children)
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Province);

        // Act
        var summary = await client.GetFromJsonAsync<JsonElement>($"/api/v1/summary?scope={scope}", Ct);

        // Assert
        Assert.Equal(scope, summary.GetProperty("scope").GetString());
        Assert.Equal(children, summary.GetProperty("children").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/v1/summary?scope=999999", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/summary?asOf=2022-13-01", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/summary?asOf=2999-01-01", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/communities/420102999999", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/communities/420102002003?asOf=yesterday", HttpStatusCode.BadRequest)]
    public async Task Read_BadQuery_AnswersProblem(string url, HttpStatusCode expected)
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Province);

        // Act
        var response = await client.GetAsync(url, Ct);

        // Assert
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Read_UnknownThing_AnswersTheSame404OnEveryEndpoint()
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Province);
        string[] urls = ["/api/v1/summary?scope=999999", "/api/v1/communities/420102999999", "/api/v1/reports/nope"];

        // Act
        var responses = new List<HttpResponseMessage>();
        foreach (var url in urls)
        {
            responses.Add(await client.GetAsync(url, Ct));
        }

        // Assert: one problem shape (type, title, status, detail, traceId), only the detail says what was not found.
        var bodies = new List<JsonElement>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            bodies.Add(await response.JsonAsync());
        }
        Assert.All(bodies, b => Assert.Equal(["detail", "status", "title", "traceId", "type"], b.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
        Assert.All(bodies, b => Assert.Equal(404, b.GetProperty("status").GetInt32()));
        Assert.Single(bodies.Select(b => (b.GetProperty("type").GetString(), b.GetProperty("title").GetString())).Distinct());
        Assert.Equal(urls.Length, bodies.Select(b => b.GetProperty("detail").GetString()).Distinct().Count());
    }

    [Theory]
    [InlineData("/api/v1/summary")]
    [InlineData("/api/v1/reports")]
    [InlineData("/api/v1/communities/420102002003")]
    public async Task Read_WithoutToken_Answers401(string url)
    {
        // Arrange
        using var client = factory.CreateClient();

        // Act
        var response = await client.GetAsync(url, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Community_AsOfDays_ShowsStageCriteriaAndHistoryOfThatDay()
    {
        // Arrange
        var community = (await factory.TakeNotStartedAsync(Wuhan, 1))[0];
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        // Two reports: one update per community in a report.
        var response = await client.SendAsync(Post(Monthly(Wuhan,
            Update(community, "pilot", Today.AddDays(-1), new JsonObject { ["1"] = true, ["12"] = 0.42 }))), Ct);
        var later = await client.SendAsync(Post(Monthly(Wuhan,
            Update(community, "in_progress", Today, new JsonObject { ["1"] = false }))), Ct);
        var reportId = (await response.JsonAsync()).GetProperty("reportId").GetString();
        var laterId = (await later.JsonAsync()).GetProperty("reportId").GetString();

        // Act
        var yesterday = await client.GetFromJsonAsync<JsonElement>($"/api/v1/communities/{community}?asOf={Day(Today.AddDays(-1))}", Ct);
        var today = await client.GetFromJsonAsync<JsonElement>($"/api/v1/communities/{community}", Ct);
        var before = await client.GetFromJsonAsync<JsonElement>($"/api/v1/communities/{community}?asOf={Day(Today.AddDays(-2))}", Ct);

        // Assert
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (response.StatusCode, later.StatusCode));
        Assert.Equal("pilot", yesterday.GetProperty("stage").GetString());
        Assert.True(yesterday.GetProperty("criteria").GetProperty("1").GetBoolean());
        Assert.Equal(0.42, yesterday.GetProperty("criteria").GetProperty("12").GetDouble());
        Assert.Equal(1, yesterday.GetProperty("history").GetArrayLength());
        Assert.Equal("in_progress", today.GetProperty("stage").GetString());
        Assert.True(today.GetProperty("pilot").GetBoolean());   // once a pilot, always marked as one
        Assert.False(today.GetProperty("criteria").GetProperty("1").GetBoolean());
        Assert.Equal([reportId, laterId], today.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("reportId").GetString()));
        Assert.Equal("not_started", before.GetProperty("stage").GetString());
        Assert.Equal("420100", today.GetProperty("locality").GetString());
        Assert.Equal(community[..6], today.GetProperty("county").GetString());
    }
}
