using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GreenCommunity.Dashboard.Tests.Shared;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.Acceptance;

/// <summary>The acceptance review through the API (issue 14): a locality applies, the province decides, an accepted community is 已验收.</summary>
public sealed class AcceptanceApiTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Workflow_LocalityApplies_ProvinceAcceptsOneReturnsOneThenTheLast_StagesHistoryAuditAndQueueFollow()
    {
        // Arrange: three Wuhan communities in progress with every criterion met
        var codes = await ReadyAsync(Wuhan, 3);
        using var wuhan = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        using var province = factory.CreateClient(factory.Tokens.Province);
        var acceptedBefore = await AcceptedInProvinceAsync(province);

        // Act 1: Wuhan applies
        var applied = await wuhan.SendAsync(PostTo("/api/v1/acceptance-requests", Application(Wuhan, codes, "三个社区自评达标")), Ct);
        var requestId = (await applied.JsonAsync()).GetProperty("requestId").GetString()!;

        // Assert 1
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        Assert.Equal($"/api/v1/acceptance-requests/{requestId}", applied.Headers.Location?.OriginalString);
        var pending = await (await province.GetAsync($"/api/v1/acceptance-requests?locality={Wuhan}&status=pending", Ct)).JsonAsync();
        var listed = pending.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("requestId").GetString() == requestId);
        Assert.Equal(codes, listed.GetProperty("communities").EnumerateArray().Select(c => c.GetProperty("community").GetString()));
        Assert.All(listed.GetProperty("communities").EnumerateArray(), c => Assert.Equal("waiting", c.GetProperty("status").GetString()));

        // Act 2: the province accepts the first and returns the second
        var decided = await province.SendAsync(PostTo($"/api/v1/acceptance-requests/{requestId}/decisions", Decisions(
            Decision(codes[0], accepted: true),
            Decision(codes[1], accepted: false, unmet: [5], reason: "垃圾分类设施未覆盖全部楼栋"))), Ct);
        var answer = await decided.JsonAsync();

        // Assert 2
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("pending", answer.GetProperty("status").GetString());
        var reportId = answer.GetProperty("reportId").GetString()!;
        Assert.Equal(3L, await factory.ScalarAsync<long>("SELECT stage FROM community_state WHERE community_code = @c", new { c = codes[0] }));
        Assert.Equal(2L, await factory.ScalarAsync<long>("SELECT stage FROM community_state WHERE community_code = @c", new { c = codes[1] }));
        Assert.Equal("province", await factory.ScalarAsync<string>("SELECT submitter_scope FROM reports WHERE report_id = @reportId", new { reportId }));
        Assert.Equal(1L, await factory.ScalarAsync<long>(
            "SELECT COUNT(*) FROM stage_events e JOIN reports r ON r.id = e.report WHERE r.report_id = @reportId AND e.community_code = @c AND e.stage = 3",
            new { reportId, c = codes[0] }));
        Assert.Equal(acceptedBefore + 1, await AcceptedInProvinceAsync(province));
        var shown = await (await wuhan.GetAsync($"/api/v1/acceptance-requests/{requestId}", Ct)).JsonAsync();
        var returned = shown.GetProperty("communities")[1];
        Assert.Equal("returned", returned.GetProperty("status").GetString());
        Assert.Equal("垃圾分类设施未覆盖全部楼栋", returned.GetProperty("reason").GetString());
        Assert.False(returned.GetProperty("criteria").GetProperty("5").GetProperty("met").GetBoolean());
        Assert.Equal(reportId, shown.GetProperty("communities")[0].GetProperty("reportId").GetString());

        // Act 3: the last one accepted closes the request
        var last = await province.SendAsync(PostTo($"/api/v1/acceptance-requests/{requestId}/decisions", Decisions(Decision(codes[2], accepted: true))), Ct);

        // Assert 3
        Assert.Equal("decided", (await last.JsonAsync()).GetProperty("status").GetString());
        var decidedList = await (await province.GetAsync($"/api/v1/acceptance-requests?locality={Wuhan}&status=decided", Ct)).JsonAsync();
        Assert.Contains(decidedList.GetProperty("items").EnumerateArray(), r => r.GetProperty("requestId").GetString() == requestId);
        Assert.Equal(["acceptance.request", "acceptance.decide", "acceptance.decide"], await factory.QueryAsync<string>(
            "SELECT action FROM audit_log WHERE target LIKE '%' || @requestId AND outcome = 'allowed' ORDER BY id", new { requestId }));
    }

    [Theory]
    [InlineData("province", HttpStatusCode.Forbidden, "applied_by_locality")]
    [InlineData(Yichang, HttpStatusCode.Forbidden, "outside_scope")]
    [InlineData(Wuhan, HttpStatusCode.Created, null)]
    public async Task Apply_ByEachScope_OnlyTheLocalityItselfMayApply(string sender, HttpStatusCode expected, string? code)
    {
        // Arrange
        var codes = await ReadyAsync(Wuhan, 1);
        using var client = factory.CreateClient(sender == "province" ? factory.Tokens.Province : factory.Tokens.Localities[sender]);
        var before = await CountAsync();

        // Act
        var response = await client.SendAsync(PostTo("/api/v1/acceptance-requests", Application(Wuhan, codes)), Ct);

        // Assert
        Assert.Equal(expected, response.StatusCode);
        if (code is not null)
        {
            Assert.Equal(code, (await response.JsonAsync()).GetProperty("codes").GetProperty("locality")[0].GetString());
            Assert.Equal(before, await CountAsync());
        }
    }

    [Theory]
    [InlineData(Wuhan, HttpStatusCode.Forbidden)]
    [InlineData(Yichang, HttpStatusCode.Forbidden)]
    [InlineData("province", HttpStatusCode.OK)]
    public async Task Decide_ByEachScope_OnlyTheProvinceDecides(string sender, HttpStatusCode expected)
    {
        // Arrange
        var codes = await ReadyAsync(Wuhan, 1);
        var requestId = await ApplyAsync(Wuhan, codes);
        using var client = factory.CreateClient(sender == "province" ? factory.Tokens.Province : factory.Tokens.Localities[sender]);
        var before = await factory.FingerprintAsync();

        // Act
        var response = await client.SendAsync(PostTo($"/api/v1/acceptance-requests/{requestId}/decisions", Decisions(Decision(codes[0], accepted: true))), Ct);

        // Assert
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("decided_by_province", (await response.JsonAsync()).GetProperty("codes").GetProperty("decisions")[0].GetString());
            Assert.Equal(before, await factory.FingerprintAsync());
            Assert.Equal(0L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM acceptance_request_communities WHERE community_code = @c AND accepted IS NOT NULL", new { c = codes[0] }));
        }
    }

    [Fact]
    public async Task Requests_WithoutAToken_Answer401()
    {
        using var anonymous = factory.CreateClient();

        var apply = await anonymous.SendAsync(PostTo("/api/v1/acceptance-requests", Application(Wuhan, ["420102001001"])), Ct);
        var list = await anonymous.GetAsync("/api/v1/acceptance-requests", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, apply.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
    }

    [Fact]
    public async Task Decide_AcceptedWithACriterionNotMet_Answers400AtItsAcceptedAndWritesNothing()
    {
        // Arrange
        var codes = await ReadyAsync(Wuhan, 2);
        var requestId = await ApplyAsync(Wuhan, codes);
        using var province = factory.CreateClient(factory.Tokens.Province);
        var before = await factory.FingerprintAsync();

        // Act: the first is fine, the second accepted while criteria 3 and 9 were found not met, the same request
        var response = await province.SendAsync(PostTo($"/api/v1/acceptance-requests/{requestId}/decisions", Decisions(
            Decision(codes[0], accepted: true),
            Decision(codes[1], accepted: true, unmet: [3, 9]))), Ct);
        var problem = await response.JsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["decisions[1].accepted"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal("accepted_with_unmet", problem.GetProperty("codes").GetProperty("decisions[1].accepted")[0].GetString());
        Assert.Equal("Accepted while criteria 3, 9 were found not met: accept only with all 16 met.", problem.GetProperty("errors").GetProperty("decisions[1].accepted")[0].GetString());
        Assert.Equal(before, await factory.FingerprintAsync());
        Assert.Equal(0L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM acceptance_request_communities a JOIN acceptance_requests r ON r.id = a.request WHERE r.request_id = @requestId AND a.accepted IS NOT NULL", new { requestId }));
    }

    [Fact]
    public async Task Decide_StoredPropertyShareBelowThreshold_Answers400AtThatDecisionAndWritesNothing()
    {
        // Arrange: criterion 12 (property-management coverage) reported at 10%
        var codes = await ReadyAsync(Wuhan, 1, share: 0.1);
        var requestId = await ApplyAsync(Wuhan, codes);
        using var province = factory.CreateClient(factory.Tokens.Province);
        var before = await factory.FingerprintAsync();

        // Act
        var response = await province.SendAsync(PostTo($"/api/v1/acceptance-requests/{requestId}/decisions", Decisions(Decision(codes[0], accepted: true))), Ct);
        var problem = await response.JsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("criteria_unmet", problem.GetProperty("codes").GetProperty("decisions[0].accepted")[0].GetString());
        Assert.Equal(before, await factory.FingerprintAsync());
    }

    [Fact]
    public async Task Apply_EveryKindOfBadCommunity_Answers400WithEachPathAndWritesNothing()
    {
        // Arrange
        var ready = await ReadyAsync(Wuhan, 1);
        var notStarted = (await factory.TakeNotStartedAsync(Wuhan, 1))[0];
        var yichang = (await factory.TakeNotStartedAsync(Yichang, 1))[0];
        var waiting = await ReadyAsync(Wuhan, 1);
        await ApplyAsync(Wuhan, waiting);
        using var wuhan = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        var before = await CountAsync();
        var body = Application(Wuhan, [ready[0], notStarted, "420100999999", yichang, "12ab", ready[0], waiting[0]]);
        body["extra"] = 1;

        // Act
        var response = await wuhan.SendAsync(PostTo("/api/v1/acceptance-requests", body), Ct);
        var codes = (await response.JsonAsync()).GetProperty("codes");

        // Assert: the shape first (a bad code, a repeat, an unknown field); nothing about the store until the shape is sound
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_community_code", codes.GetProperty("communities[4]")[0].GetString());
        Assert.Equal("repeated_community", codes.GetProperty("communities[5]")[0].GetString());
        Assert.Equal("unknown_field", codes.GetProperty("extra")[0].GetString());

        // Act 2: a sound shape; each community's own problem
        var second = await wuhan.SendAsync(PostTo("/api/v1/acceptance-requests", Application(Wuhan, [ready[0], notStarted, "420100999999", yichang, waiting[0]])), Ct);
        var storeCodes = (await second.JsonAsync()).GetProperty("codes");

        // Assert 2
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(["communities[1]", "communities[2]", "communities[3]", "communities[4]"], storeCodes.EnumerateObject().Select(p => p.Name));
        Assert.Equal("not_ready_for_acceptance", storeCodes.GetProperty("communities[1]")[0].GetString());
        Assert.Equal("unknown_community", storeCodes.GetProperty("communities[2]")[0].GetString());
        Assert.Equal("community_elsewhere", storeCodes.GetProperty("communities[3]")[0].GetString());
        Assert.Equal("already_requested", storeCodes.GetProperty("communities[4]")[0].GetString());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Apply_SameKeyTwice_SecondGetsTheFirstAnswerAndWritesOnce_OtherBodyWithTheKeyIs422()
    {
        // Arrange
        var codes = await ReadyAsync(Wuhan, 2);
        using var wuhan = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        var key = Guid.NewGuid().ToString("N");
        var before = await CountAsync();

        // Act
        var first = await wuhan.SendAsync(PostTo("/api/v1/acceptance-requests", Application(Wuhan, codes), key), Ct);
        var again = await wuhan.SendAsync(PostTo("/api/v1/acceptance-requests", Application(Wuhan, codes), key), Ct);
        var other = await wuhan.SendAsync(PostTo("/api/v1/acceptance-requests", Application(Wuhan, [codes[0]]), key), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await again.Content.ReadAsStringAsync(Ct));
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((HttpStatusCode)422, other.StatusCode);
        Assert.Equal(Plus(before, 1, 2), await CountAsync());
    }

    [Fact]
    public async Task Decide_UnknownRequestCommunityNotInItOrDecidedTwice_AnswerTheirOwnProblems()
    {
        // Arrange
        var codes = await ReadyAsync(Wuhan, 1);
        var other = await ReadyAsync(Wuhan, 1);
        var requestId = await ApplyAsync(Wuhan, codes);
        using var province = factory.CreateClient(factory.Tokens.Province);

        // Act
        var unknown = await province.SendAsync(PostTo("/api/v1/acceptance-requests/nosuchrequest/decisions", Decisions(Decision(codes[0], accepted: true))), Ct);
        var notIn = await province.SendAsync(PostTo($"/api/v1/acceptance-requests/{requestId}/decisions", Decisions(Decision(other[0], accepted: true))), Ct);
        var first = await province.SendAsync(PostTo($"/api/v1/acceptance-requests/{requestId}/decisions", Decisions(Decision(codes[0], accepted: false, reason: "资料不全"))), Ct);
        var twice = await province.SendAsync(PostTo($"/api/v1/acceptance-requests/{requestId}/decisions", Decisions(Decision(codes[0], accepted: true))), Ct);
        var noReason = await province.SendAsync(PostTo($"/api/v1/acceptance-requests/{requestId}/decisions", Decisions(Decision(codes[0], accepted: false))), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("not_in_request", (await notIn.JsonAsync()).GetProperty("codes").GetProperty("decisions[0].community")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("already_decided", (await twice.JsonAsync()).GetProperty("codes").GetProperty("decisions[0].community")[0].GetString());
        Assert.Equal("reason_required", (await noReason.JsonAsync()).GetProperty("codes").GetProperty("decisions[0].reason")[0].GetString());
        Assert.Equal(2L, await factory.ScalarAsync<long>("SELECT stage FROM community_state WHERE community_code = @c", new { c = codes[0] }));
    }

    [Fact]
    public async Task Decide_MissingCriteriaAndBadValues_Answers400AtEachPath()
    {
        // Arrange
        var codes = await ReadyAsync(Wuhan, 1);
        var requestId = await ApplyAsync(Wuhan, codes);
        using var province = factory.CreateClient(factory.Tokens.Province);
        var decision = Decision(codes[0], accepted: true);
        var criteria = decision["criteria"]!.AsObject();
        criteria.Remove("7");
        criteria["3"] = "yes";
        criteria["17"] = true;
        criteria["4"] = new JsonObject { ["met"] = true, ["remark"] = new string('x', 501) };
        decision["accepted"] = "true";

        // Act
        var response = await province.SendAsync(PostTo($"/api/v1/acceptance-requests/{requestId}/decisions", Decisions(decision)), Ct);
        var codesByPath = (await response.JsonAsync()).GetProperty("codes");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("required", codesByPath.GetProperty("decisions[0].criteria.7")[0].GetString());
        Assert.Equal("invalid_yes_no", codesByPath.GetProperty("decisions[0].criteria.3")[0].GetString());
        Assert.Equal("unknown_criterion", codesByPath.GetProperty("decisions[0].criteria.17")[0].GetString());
        Assert.Equal("too_long", codesByPath.GetProperty("decisions[0].criteria.4.remark")[0].GetString());
        Assert.Equal("invalid_yes_no", codesByPath.GetProperty("decisions[0].accepted")[0].GetString());
    }

    [Theory]
    [InlineData("?status=open", "status")]
    [InlineData("?locality=wuhan", "locality")]
    public async Task List_BadFilter_Answers400AtIt(string query, string path)
    {
        using var client = factory.CreateClient(factory.Tokens.Province);

        var response = await client.GetAsync("/api/v1/acceptance-requests" + query, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(path, out _));
    }

    /// <summary>Communities of a locality made in progress by its own report, with every criterion met (criterion 12 at <paramref name="share"/>).</summary>
    private async Task<IReadOnlyList<string>> ReadyAsync(string locality, int count, double share = 0.5)
    {
        var codes = await factory.TakeNotStartedAsync(locality, count);
        using var client = factory.CreateClient(factory.Tokens.Localities[locality]);
        var criteria = AllCriteriaMet();
        criteria["12"] = share;
        var response = await client.SendAsync(Post(Monthly(locality, codes.Select(c => Update(c, "in_progress", Today.AddDays(-1), criteria.DeepClone().AsObject())).ToArray())), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return codes;
    }

    private async Task<string> ApplyAsync(string locality, IReadOnlyList<string> codes)
    {
        using var client = factory.CreateClient(factory.Tokens.Localities[locality]);
        var response = await client.SendAsync(PostTo("/api/v1/acceptance-requests", Application(locality, codes)), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("requestId").GetString()!;
    }

    /// <summary>Requests and their communities, as "requests/communities".</summary>
    private Task<string> CountAsync() => factory.ScalarAsync<string>(
        "SELECT (SELECT COUNT(*) FROM acceptance_requests) || '/' || (SELECT COUNT(*) FROM acceptance_request_communities)");

    private static string Plus(string counts, int requests, int communities)
    {
        var parts = counts.Split('/').Select(long.Parse).ToArray();
        return $"{parts[0] + requests}/{parts[1] + communities}";
    }

    private static async Task<int> AcceptedInProvinceAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/summary", Ct)).JsonAsync()).GetProperty("accepted").GetInt32();

    private static JsonObject Application(string locality, IEnumerable<string> communities, string? note = null) => new()
    {
        ["locality"] = locality,
        ["communities"] = new JsonArray(communities.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
        ["note"] = note,
    };

    private static JsonObject Decisions(params JsonObject[] decisions) => new() { ["decisions"] = new JsonArray(decisions) };

    private static JsonObject Decision(string community, bool accepted, int[]? unmet = null, string? reason = null)
    {
        var criteria = new JsonObject();
        for (var i = 1; i <= 16; i++)
        {
            criteria[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = !(unmet ?? []).Contains(i);
        }
        return new JsonObject { ["community"] = community, ["criteria"] = criteria, ["accepted"] = accepted, ["reason"] = reason };
    }

    private static HttpRequestMessage PostTo(string path, JsonNode body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString("N"));
        return request;
    }
}
