using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GreenCommunity.Dashboard.Demonstration;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using static GreenCommunity.Dashboard.Tests.Demonstration.DemonstrationRequests;

namespace GreenCommunity.Dashboard.Tests.Demonstration;

public sealed class DemonstrationApiTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient ClientFor(string sender) => sender switch
    {
        "province" => factory.CreateClient(factory.Tokens.Province),
        "own" => factory.CreateClient(factory.Tokens.Localities[Wuhan]),
        "other" => factory.CreateClient(factory.Tokens.Localities[Yichang]),
        _ => factory.CreateClient(),
    };

    [Theory]
    [InlineData("province", HttpStatusCode.Created)]
    [InlineData("own", HttpStatusCode.Forbidden)]
    [InlineData("other", HttpStatusCode.Forbidden)]
    [InlineData("none", HttpStatusCode.Unauthorized)]
    public async Task Designate_BySender_OnlyTheProvinceMay(string sender, HttpStatusCode expected)
    {
        // Arrange: a Wuhan community ("own" is Wuhan's token, "other" Yichang's)
        var community = await CommunityAsync(factory, Wuhan);
        using var client = ClientFor(sender);
        var before = await RowsAsync(factory);

        // Act
        var response = await client.SendAsync(Post("/api/v1/demonstration-bases", Designation(community)), Ct);

        // Assert
        Assert.Equal(expected, response.StatusCode);
        var current = await factory.ScalarAsync<long>("SELECT COUNT(*) FROM demonstration_bases WHERE community_code = @community AND withdrawn_at IS NULL", new { community });
        Assert.Equal(expected == HttpStatusCode.Created ? 1L : 0L, current);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal(before, await RowsAsync(factory));
            Assert.Equal("designated_by_province_only", (await response.JsonAsync()).GetProperty("codes").GetProperty("community")[0].GetString());
        }
    }

    [Theory]
    [InlineData("province", HttpStatusCode.OK)]
    [InlineData("own", HttpStatusCode.Forbidden)]
    [InlineData("other", HttpStatusCode.Forbidden)]
    [InlineData("none", HttpStatusCode.Unauthorized)]
    public async Task Withdraw_BySender_OnlyTheProvinceMay(string sender, HttpStatusCode expected)
    {
        // Arrange: a base of Wuhan's
        var community = await CommunityAsync(factory, Wuhan);
        using var province = ClientFor("province");
        Assert.Equal(HttpStatusCode.Created, (await province.SendAsync(Post("/api/v1/demonstration-bases", Designation(community)), Ct)).StatusCode);
        using var client = ClientFor(sender);
        var before = await RowsAsync(factory);

        // Act
        var response = await client.SendAsync(Post(Withdrawal(community), new JsonObject { ["reason"] = "创建成果未能保持" }), Ct);

        // Assert
        Assert.Equal(expected, response.StatusCode);
        var withdrawn = await factory.ScalarAsync<long>("SELECT COUNT(*) FROM demonstration_bases WHERE community_code = @community AND withdrawn_at IS NOT NULL", new { community });
        Assert.Equal(expected == HttpStatusCode.OK ? 1L : 0L, withdrawn);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal(before, await RowsAsync(factory));
        }
    }

    [Theory]
    [InlineData("province", HttpStatusCode.Created)]
    [InlineData("own", HttpStatusCode.Created)]
    [InlineData("other", HttpStatusCode.Forbidden)]
    [InlineData("none", HttpStatusCode.Unauthorized)]
    public async Task AddPractice_BySender_TheLocalityForItselfAndTheProvinceForAny(string sender, HttpStatusCode expected)
    {
        // Arrange: a practice of Wuhan's
        using var client = ClientFor(sender);
        var title = "matrix " + sender;
        var before = await RowsAsync(factory);

        // Act
        var response = await client.SendAsync(Post("/api/v1/practices", Practice(Wuhan, title: title)), Ct);

        // Assert
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.Created ? 1L : 0L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM practices WHERE title = @title", new { title }));
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal(before, await RowsAsync(factory));
            Assert.Equal("outside_scope", (await response.JsonAsync()).GetProperty("codes").GetProperty("locality")[0].GetString());
        }
    }

    [Fact]
    public async Task Workflow_DesignateListWithdrawDesignateAgain_KeepsEveryDesignationAndAudits()
    {
        // Arrange
        var community = await CommunityAsync(factory, Wuhan);
        using var province = ClientFor("province");
        using var wuhan = ClientFor("own");

        // Act: designate; a second designation; the locality's list; withdraw; withdraw again; designate again
        var designated = await province.SendAsync(Post("/api/v1/demonstration-bases", Designation(community)), Ct);
        var twice = await province.SendAsync(Post("/api/v1/demonstration-bases", Designation(community)), Ct);
        var listed = await wuhan.GetFromJsonAsync<JsonElement>($"/api/v1/demonstration-bases?locality={Wuhan}", Ct);
        var withdrawn = await province.SendAsync(Post(Withdrawal(community), new JsonObject { ["reason"] = "整改未完成" }), Ct);
        var withdrawnTwice = await province.SendAsync(Post(Withdrawal(community), new JsonObject { ["reason"] = "整改未完成" }), Ct);
        var afterWithdrawal = await wuhan.GetFromJsonAsync<JsonElement>($"/api/v1/demonstration-bases?locality={Wuhan}", Ct);
        var withHistory = await wuhan.GetFromJsonAsync<JsonElement>($"/api/v1/demonstration-bases?locality={Wuhan}&withdrawn=true", Ct);
        var again = await province.SendAsync(Post("/api/v1/demonstration-bases", Designation(community, "整改完成后重新认定。")), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, designated.StatusCode);
        Assert.Equal($"/api/v1/demonstration-bases/{community}", designated.Headers.Location?.OriginalString);
        var body = await designated.JsonAsync();
        Assert.Equal(community, body.GetProperty("community").GetString());
        Assert.Equal(Wuhan, body.GetProperty("locality").GetString());
        Assert.True(body.GetProperty("current").GetBoolean());
        Assert.Equal(ReportBodies.Day(ReportBodies.Today), body.GetProperty("designatedOn").GetString());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("community").GetString() == community);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var withdrawal = await withdrawn.JsonAsync();
        Assert.False(withdrawal.GetProperty("current").GetBoolean());
        Assert.Equal("整改未完成", withdrawal.GetProperty("withdrawalReason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, withdrawnTwice.StatusCode);
        Assert.DoesNotContain(afterWithdrawal.GetProperty("items").EnumerateArray(), i => i.GetProperty("community").GetString() == community);
        Assert.Contains(withHistory.GetProperty("items").EnumerateArray(), i => i.GetProperty("community").GetString() == community && !i.GetProperty("current").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(2L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM demonstration_bases WHERE community_code = @community", new { community }));
        var audited = await factory.QueryAsync<string>("SELECT action || ':' || outcome FROM audit_log WHERE target = @community ORDER BY id", new { community });
        Assert.Equal(["demonstration.designate:allowed", "demonstration.designate:refused", "demonstration.withdraw:allowed", "demonstration.withdraw:refused", "demonstration.designate:allowed"], audited);
    }

    [Fact]
    public async Task Workflow_PracticeAtACommunity_IsListedForItsLocalityAndReadBack()
    {
        // Arrange
        var community = await CommunityAsync(factory, Wuhan);
        using var wuhan = ClientFor("own");

        // Act
        var added = await wuhan.SendAsync(Post("/api/v1/practices", Practice(Wuhan, community, "共享菜园与自然教育")), Ct);
        var body = await added.JsonAsync();
        var practiceId = body.GetProperty("practiceId").GetString()!;
        var listed = await wuhan.GetFromJsonAsync<JsonElement>($"/api/v1/practices?locality={Wuhan}", Ct);
        var elsewhere = await wuhan.GetFromJsonAsync<JsonElement>($"/api/v1/practices?locality={Yichang}", Ct);
        var one = await wuhan.GetFromJsonAsync<JsonElement>(added.Headers.Location!.OriginalString, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.StartsWith(Wuhan + "-", practiceId, StringComparison.Ordinal);
        Assert.Equal(community, body.GetProperty("community").GetString());
        Assert.Equal("共享菜园与自然教育", body.GetProperty("title").GetString());
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("practiceId").GetString() == practiceId);
        Assert.DoesNotContain(elsewhere.GetProperty("items").EnumerateArray(), i => i.GetProperty("practiceId").GetString() == practiceId);
        Assert.Equal(practiceId, one.GetProperty("practiceId").GetString());
    }

    [Fact]
    public async Task Designate_SameKeySameBody_ReplaysTheFirstAnswerAndWritesOnce()
    {
        // Arrange
        var community = await CommunityAsync(factory, Wuhan);
        using var province = ClientFor("province");
        var key = "designate-" + Guid.NewGuid().ToString("N");
        var body = Designation(community).ToJsonString();

        // Act
        var first = await province.SendAsync(Post("/api/v1/demonstration-bases", body, key), Ct);
        var rows = await RowsAsync(factory);
        var second = await province.SendAsync(Post("/api/v1/demonstration-bases", body, key), Ct);
        var reused = await province.SendAsync(Post("/api/v1/demonstration-bases", Designation(community, "另一段简介").ToJsonString(), key), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal((HttpStatusCode)422, reused.StatusCode);
        Assert.Equal(rows, await RowsAsync(factory));
        Assert.Equal(1L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM demonstration_bases WHERE community_code = @community", new { community }));
    }

    [Fact]
    public async Task AddPractice_SameKey_ReplaysOnceAndAnotherBodyIs422()
    {
        // Arrange
        using var wuhan = ClientFor("own");
        var key = "practice-" + Guid.NewGuid().ToString("N");
        var title = "replay " + key[^6..];

        // Act
        var first = await wuhan.SendAsync(Post("/api/v1/practices", Practice(Wuhan, title: title).ToJsonString(), key), Ct);
        var second = await wuhan.SendAsync(Post("/api/v1/practices", Practice(Wuhan, title: title).ToJsonString(), key), Ct);
        var reused = await wuhan.SendAsync(Post("/api/v1/practices", Practice(Wuhan, title: title + "!").ToJsonString(), key), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal((HttpStatusCode)422, reused.StatusCode);
        Assert.Equal(1L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM practices WHERE title LIKE @title || '%'", new { title }));
    }

    [Fact]
    public async Task Designate_BadInput_Is400WithEveryPathAndWritesNothing()
    {
        // Arrange
        using var province = ClientFor("province");
        var before = await RowsAsync(factory);

        // Act: a malformed code, a blank description, an unknown field; then an unknown community and a description too long; then non-strings
        var first = await province.SendAsync(Post("/api/v1/demonstration-bases", new JsonObject { ["community"] = "4201", ["description"] = "  ", ["note"] = "x" }), Ct);
        var second = await province.SendAsync(Post("/api/v1/demonstration-bases", Designation("420100999999", new string('长', 501))), Ct);
        var third = await province.SendAsync(Post("/api/v1/demonstration-bases", new JsonObject { ["community"] = 420102002003, ["description"] = new JsonArray() }), Ct);

        // Assert
        Assert.All(new[] { first, second, third }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(new Dictionary<string, string> { ["community"] = "invalid_community_code", ["description"] = "required", ["note"] = "unknown_field" }, Codes(await first.JsonAsync()));
        Assert.Equal(new Dictionary<string, string> { ["community"] = "unknown_community", ["description"] = "too_long" }, Codes(await second.JsonAsync()));
        Assert.Equal(new Dictionary<string, string> { ["community"] = "not_a_string", ["description"] = "not_a_string" }, Codes(await third.JsonAsync()));
        Assert.Equal(before, await RowsAsync(factory));
    }

    [Fact]
    public async Task AddPractice_BadInput_Is400WithEveryPathAndWritesNothing()
    {
        // Arrange
        using var province = ClientFor("province");
        var elsewhere = await CommunityAsync(factory, Yichang);
        var before = await RowsAsync(factory);

        // Act
        var first = await province.SendAsync(Post("/api/v1/practices",
            new JsonObject { ["locality"] = "wuhan", ["title"] = new string('题', 101), ["description"] = "", ["community"] = "12" }), Ct);
        var second = await province.SendAsync(Post("/api/v1/practices", Practice("429999", null)), Ct);
        var third = await province.SendAsync(Post("/api/v1/practices", Practice(Wuhan, elsewhere)), Ct);
        var fourth = await province.SendAsync(Post("/api/v1/practices", new JsonObject { ["description"] = new string('文', 4001) }), Ct);

        // Assert
        Assert.All(new[] { first, second, third, fourth }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(new Dictionary<string, string>
        {
            ["locality"] = "invalid_locality_code",
            ["title"] = "too_long",
            ["description"] = "required",
            ["community"] = "invalid_community_code",
        }, Codes(await first.JsonAsync()));
        Assert.Equal(new Dictionary<string, string> { ["locality"] = "unknown_locality" }, Codes(await second.JsonAsync()));
        Assert.Equal(new Dictionary<string, string> { ["community"] = "community_elsewhere" }, Codes(await third.JsonAsync()));
        Assert.Equal(new Dictionary<string, string> { ["locality"] = "required", ["title"] = "required", ["description"] = "too_long" }, Codes(await fourth.JsonAsync()));
        Assert.Equal(before, await RowsAsync(factory));
    }

    [Fact]
    public async Task Withdraw_NoReasonUnknownCommunityOrNoBase_WritesNothing()
    {
        // Arrange
        var community = await CommunityAsync(factory, Wuhan);
        using var province = ClientFor("province");
        var before = await RowsAsync(factory);

        // Act
        var noReason = await province.SendAsync(Post(Withdrawal(community), new JsonObject()), Ct);
        var unknown = await province.SendAsync(Post(Withdrawal("420100999999"), new JsonObject { ["reason"] = "x" }), Ct);
        var malformed = await province.SendAsync(Post(Withdrawal("abc"), new JsonObject { ["reason"] = "x" }), Ct);
        var noBase = await province.SendAsync(Post(Withdrawal(community), new JsonObject { ["reason"] = "x" }), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(new Dictionary<string, string> { ["reason"] = "required" }, Codes(await noReason.JsonAsync()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, noBase.StatusCode);
        Assert.Equal(before, await RowsAsync(factory));
    }

    [Theory]
    [InlineData("/api/v1/demonstration-bases?locality=wuhan", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/demonstration-bases?withdrawn=maybe", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/demonstration-bases?locality=429999", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/demonstration-bases/420100999999", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/practices?locality=4201", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/practices/none", HttpStatusCode.NotFound)]
    public async Task Read_BadOrUnknown_IsNamedNeverAServerError(string path, HttpStatusCode expected)
    {
        // Arrange
        using var client = ClientFor("own");

        // Act
        var response = await client.GetAsync(path, Ct);

        // Assert
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Layer_AfterDesignationAndWithdrawal_CountsOnlyCurrentBases()
    {
        // Arrange
        var community = await CommunityAsync(factory, Yichang);
        var layer = factory.Services.GetRequiredService<DemonstrationLayer>();
        using var province = ClientFor("province");
        var before = (await layer.GetAsync(Ct)).ByLocality.GetValueOrDefault(Yichang);

        // Act
        await province.SendAsync(Post("/api/v1/demonstration-bases", Designation(community)), Ct);
        var designated = (await layer.GetAsync(Ct)).ByLocality.GetValueOrDefault(Yichang);
        await province.SendAsync(Post(Withdrawal(community), new JsonObject { ["reason"] = "撤销" }), Ct);
        var withdrawn = (await layer.GetAsync(Ct)).ByLocality.GetValueOrDefault(Yichang);

        // Assert
        Assert.Equal(before + 1, designated);
        Assert.Equal(before, withdrawn);
        Assert.Equal(withdrawn, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM demonstration_bases WHERE locality_code = @Yichang AND withdrawn_at IS NULL", new { Yichang }));
    }

    private static Dictionary<string, string> Codes(JsonElement problem) =>
        problem.GetProperty("codes").EnumerateObject().ToDictionary(p => p.Name, p => string.Join(",", p.Value.EnumerateArray().Select(v => v.GetString())));
}
