using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Access;
using Microsoft.Extensions.DependencyInjection;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.Api;

public sealed class ReportsApiTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_ValidReport_Answers201AndTheReportCanBeReadBackAsSent()
    {
        // Arrange
        var communities = await factory.TakeNotStartedAsync(Wuhan, 2);
        var body = Monthly(Wuhan,
            Update(communities[0], "in_progress", criteria: new JsonObject { ["1"] = true, ["5"] = false, ["12"] = 0.42 }),
            Update(communities[1], "pilot"));
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);

        // Act
        var response = await client.SendAsync(Post(body), Ct);
        var ack = await response.JsonAsync();
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{ack.GetProperty("reportId").GetString()}", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, ack.GetProperty("applied").GetInt32());
        Assert.Equal($"{ThisMonth}-25T23:59:59+08:00", ack.GetProperty("deadline").GetString());
        Assert.Equal(Today.Day <= 25, ack.GetProperty("onTime").GetBoolean());
        Assert.Equal($"/api/v1/reports/{ack.GetProperty("reportId").GetString()}", response.Headers.Location?.OriginalString);
        foreach (var field in new[] { "locality", "kind", "period", "submittedBy", "narrative" })
        {
            Assert.Equal(body[field]!.GetValue<string>(), stored.GetProperty(field).GetString());
        }
        Assert.Equal(JsonNode.Parse(body["updates"]!.ToJsonString())!.ToJsonString(), JsonNode.Parse(stored.GetProperty("updates").GetRawText())!.ToJsonString());
        Assert.Equal(ack.GetProperty("receivedAt").GetString(), stored.GetProperty("receivedAt").GetString());
        Assert.Equal(2L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM community_state WHERE community_code IN @communities AND stage IN (1, 2)", new { communities }));
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Id.Name == "ReportStored" && r.Message.Contains(ack.GetProperty("reportId").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_EmptyUpdates_CountsAsAReport()
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);

        // Act
        var response = await client.SendAsync(Post(Monthly(Wuhan)), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0, (await response.JsonAsync()).GetProperty("applied").GetInt32());
    }

    [Fact]
    public async Task Post_SameKeySameBody_AnswersTheFirstResponseAndAppliesOnce()
    {
        // Arrange
        var community = (await factory.TakeNotStartedAsync(Wuhan, 1))[0];
        var body = Monthly(Wuhan, Update(community, "in_progress")).ToJsonString();
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        var key = "retry-" + Guid.NewGuid().ToString("N");

        // Act
        var first = await client.SendAsync(Post(body, key), Ct);
        var before = await factory.FingerprintAsync();
        var second = await client.SendAsync(Post(body, key), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before, await factory.FingerprintAsync());
        Assert.Equal(1L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM stage_events WHERE community_code = @community", new { community }));
    }

    [Fact]
    public async Task Post_SameKeyDifferentBody_Answers422AndWritesNothing()
    {
        // Arrange
        var communities = await factory.TakeNotStartedAsync(Wuhan, 2);
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        var key = "reuse-" + Guid.NewGuid().ToString("N");
        await client.SendAsync(Post(Monthly(Wuhan, Update(communities[0], "in_progress")), key), Ct);
        var before = await factory.FingerprintAsync();

        // Act
        var response = await client.SendAsync(Post(Monthly(Wuhan, Update(communities[1], "in_progress")), key), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await factory.FingerprintAsync());
    }

    [Fact]
    public async Task Post_SameKeyWhileTheFirstIsInFlight_Answers409()
    {
        // Arrange: another writer holds the database, so the first request waits inside the intake.
        var community = (await factory.TakeNotStartedAsync(Wuhan, 1))[0];
        var body = Monthly(Wuhan, Update(community, "in_progress")).ToJsonString();
        var key = "inflight-" + Guid.NewGuid().ToString("N");
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        var intake = factory.Services.GetRequiredService<GreenCommunity.Dashboard.Intake.ReportIntake>();
        await client.GetAsync("/api/v1/reports?pageSize=1", Ct);   // the token's last-used time is fresh: no write before the intake
        await using var blocker = (Microsoft.Data.Sqlite.SqliteConnection)await factory.Services.GetRequiredService<Data.Storage.StoreDatabase>().OpenAsync(Ct);
        using (var hold = blocker.BeginTransaction(deferred: false))
        {
            var first = client.SendAsync(Post(body, key), Ct);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (intake.InFlightCount == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10, Ct);
            }

            // Act: the second is answered at once; its audit row waits for the database like any write.
            var second = client.SendAsync(Post(body, key), Ct);
            await Task.Delay(1000, Ct);   // time for the second request to reach the intake on a busy machine
            hold.Rollback();
            var firstResponse = await first;
            var secondResponse = await second;

            // Assert
            Assert.Equal(HttpStatusCode.Conflict, secondResponse.StatusCode);
            Assert.Equal(HttpStatusCode.Created, firstResponse.StatusCode);
        }
    }

    [Fact]
    public async Task Post_ManyProblems_Answers400ListingEveryOneByPathAndWritesNothing()
    {
        // Arrange
        var good = (await factory.TakeNotStartedAsync(Wuhan, 1))[0];
        var yichang = (await factory.TakeNotStartedAsync(Yichang, 1))[0];
        var body = Monthly(Wuhan,
            Update(good, "in_progress"),
            Update(yichang, "in_progress"),
            Update("420102999999", "pilot"),
            Update(good, "in_progress", Today.AddDays(1)),
            Update(good, "in_progress", criteria: new JsonObject { ["12"] = 1.5, ["3"] = 1, ["17"] = true }),
            Update(good, "done"));
        body["kind"] = "monthly";
        body["period"] = "2020-01";
        body["extra"] = "x";
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        var before = await factory.FingerprintAsync();

        // Act
        var response = await client.SendAsync(Post(body), Ct);
        var problem = await response.JsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var paths = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal(["extra", "updates[4].criteria.12", "updates[4].criteria.3", "updates[4].criteria.17", "updates[5].stage"], paths);
        // Beside each English text, its stable code.
        var codes = problem.GetProperty("codes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value[0].GetString());
        Assert.Equal(paths, codes.Keys.ToHashSet());
        Assert.Equal(
            [("extra", "unknown_field"), ("updates[4].criteria.12", "invalid_share"), ("updates[4].criteria.17", "unknown_criterion"),
             ("updates[4].criteria.3", "invalid_yes_no"), ("updates[5].stage", "invalid_stage")],
            codes.Select(c => (c.Key, c.Value)).OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.Equal(before, await factory.FingerprintAsync());
    }

    [Fact]
    public async Task Post_RulesOnStoredData_Answers400ListingEachAndWritesNothing()
    {
        // Arrange
        var good = await factory.TakeNotStartedAsync(Wuhan, 2);
        var yichang = (await factory.TakeNotStartedAsync(Yichang, 1))[0];
        var body = Monthly(Wuhan,
            Update(good[0], "in_progress"),
            Update(yichang, "in_progress"),
            Update("420102999999", "pilot"),
            Update(good[1], "in_progress", Today.AddDays(1)));
        body["period"] = "2020-01";
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        var before = await factory.FingerprintAsync();

        // Act
        var response = await client.SendAsync(Post(body), Ct);
        var problem = await response.JsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var paths = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal(["period", "updates[1].community", "updates[2].community", "updates[3].effective"], paths);
        Assert.Equal(before, await factory.FingerprintAsync());
    }

    [Fact]
    public async Task Post_FuturePeriod_Answers400()
    {
        // Arrange
        var body = Monthly(Wuhan);
        body["period"] = Today.AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);

        // Act
        var response = await client.SendAsync(Post(body), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("period", out _));
    }

    [Fact]
    public async Task Post_AnotherLocality_Answers403AndWritesNothing()
    {
        // Arrange
        var yichang = (await factory.TakeNotStartedAsync(Yichang, 1))[0];
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        var before = await factory.FingerprintAsync();

        // Act
        var response = await client.SendAsync(Post(Monthly(Yichang, Update(yichang, "in_progress"))), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await factory.FingerprintAsync());
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Id.Name == "ReportRefused" && r.Level == Microsoft.Extensions.Logging.LogLevel.Warning && r.Message.Contains(Yichang, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_AcceptanceByLocality_Answers403AndByProvinceOnlyWhenAllCriteriaAreMet()
    {
        // Arrange
        var communities = await factory.TakeNotStartedAsync(Wuhan, 2);
        using var wuhan = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        using var province = factory.CreateClient(factory.Tokens.Province);
        var met = AllCriteriaMet();
        var short12 = AllCriteriaMet();
        short12["12"] = 0.2;
        Assert.Equal(HttpStatusCode.Created, (await wuhan.SendAsync(Post(Monthly(Wuhan, Update(communities[0], "in_progress", criteria: met), Update(communities[1], "in_progress", criteria: short12))), Ct)).StatusCode);

        // Act
        var byLocality = await wuhan.SendAsync(Post(Monthly(Wuhan, Update(communities[0], "accepted"))), Ct);
        var notMet = await province.SendAsync(Post(Monthly(Wuhan, Update(communities[1], "accepted"))), Ct);
        var accepted = await province.SendAsync(Post(Monthly(Wuhan, Update(communities[0], "accepted"))), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, byLocality.StatusCode);
        Assert.Equal("accepted_by_province_only", (await byLocality.JsonAsync()).GetProperty("codes").GetProperty("updates[0].stage")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notMet.StatusCode);
        var notMetBody = await notMet.JsonAsync();
        Assert.Contains("12", notMetBody.GetProperty("errors").GetProperty("updates[0].stage")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("criteria_unmet", notMetBody.GetProperty("codes").GetProperty("updates[0].stage")[0].GetString());
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(3L, await factory.ScalarAsync<long>("SELECT stage FROM community_state WHERE community_code = @c", new { c = communities[0] }));
    }

    [Fact]
    public async Task Post_LocalityTakingBackAnAcceptance_IsRefused()
    {
        // Arrange: a community the demo history accepted.
        var accepted = await factory.ScalarAsync<string>("SELECT s.community_code FROM community_state s JOIN communities c ON c.code = s.community_code WHERE c.locality_code = '420100' AND s.stage = 3 LIMIT 1");
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);

        // Act
        var response = await client.SendAsync(Post(Monthly(Wuhan, Update(accepted, "in_progress"))), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(3L, await factory.ScalarAsync<long>("SELECT stage FROM community_state WHERE community_code = @accepted", new { accepted }));
    }

    [Fact]
    public async Task Post_WithoutToken_Answers401()
    {
        // Arrange
        using var client = factory.CreateClient();

        // Act
        var response = await client.SendAsync(Post(Monthly(Wuhan)), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Post_RevokedToken_Answers401AtOnce()
    {
        // Arrange
        var store = factory.Services.GetRequiredService<ApiTokenStore>();
        var (token, secret) = await store.IssueAsync("to revoke", Wuhan, Ct);
        using var client = factory.CreateClient(secret);
        var before = await client.SendAsync(Post(Monthly(Wuhan)), Ct);

        // Act
        await store.RevokeAsync(token.Id, Ct);
        var after = await client.SendAsync(Post(Monthly(Wuhan)), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task Post_OtherContentType_Answers415(string contentType)
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);

        // Act
        var response = await client.SendAsync(Post(Monthly(Wuhan).ToJsonString(), "k", contentType), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_OverOneMebibyte_Answers413AndWritesNothing()
    {
        // Arrange
        var body = Monthly(Wuhan);
        body["narrative"] = new string('绿', 400_000);   // 1.2 MB in UTF-8
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        var before = await factory.FingerprintAsync();

        // Act
        var response = await client.SendAsync(Post(body), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await factory.FingerprintAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("非ASCII")]
    [InlineData("x129")]
    public async Task Post_MissingOrBadIdempotencyKey_Answers400(string? key)
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        var request = Post(Monthly(Wuhan).ToJsonString(), null);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key == "x129" ? new string('k', 129) : key);
        }

        // Act
        var response = await client.SendAsync(request, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Fact]
    public async Task List_NewestFirstWithTotalAndFilters()
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Province);
        var total = await factory.ScalarAsync<long>("SELECT COUNT(*) FROM reports WHERE locality_code = '420500'");

        // Act
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports?locality=420500&page=2&pageSize=5", Ct);
        var bad = await client.GetAsync("/api/v1/reports?pageSize=0", Ct);

        // Assert
        Assert.Equal(total, page.GetProperty("total").GetInt64());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        Assert.All(items, i => Assert.Equal("420500", i.GetProperty("locality").GetString()));
        var received = items.Select(i => i.GetProperty("receivedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(received.OrderByDescending(r => r), received);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownReport_Answers404()
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Localities[Yichang]);

        // Act
        var response = await client.GetAsync("/api/v1/reports/nope", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesTheIntake()
    {
        // Arrange
        using var client = factory.CreateClient();

        // Act
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        // Assert
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/reports", out var reports));
        Assert.True(reports.TryGetProperty("post", out var post));
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(paths.TryGetProperty("/api/v1/summary", out _));
        Assert.True(paths.TryGetProperty("/api/v1/communities/{code}", out _));
    }
}
