using System.Net;
using System.Text.Json;
using GreenCommunity.Dashboard.Tests.Shared;
using static GreenCommunity.Dashboard.Tests.Inspections.InspectionRequests;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.Inspections;

public sealed class InspectionsApiTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Everything an inspection write can leave behind.</summary>
    private Task<string> RowsAsync() => factory.ScalarAsync<string>(
        """
        SELECT (SELECT COUNT(*) FROM inspections) || '/' || (SELECT COUNT(*) FROM inspection_findings) || '/' ||
               (SELECT COUNT(*) FROM inspection_findings WHERE rectified_on IS NOT NULL) || '/' || (SELECT COUNT(*) FROM action_keys)
        """);

    private HttpClient Province() => factory.CreateClient(factory.Tokens.Province);

    private HttpClient Locality(string code) => factory.CreateClient(factory.Tokens.Localities[code]);

    /// <summary>A Wuhan inspection with criterion 12 not met (due in ten days) and 3 met; its id.</summary>
    private async Task<string> RecordWuhanAsync(string? community = null, DateOnly? rectifyBy = null)
    {
        community ??= (await factory.TakeNotStartedAsync(Wuhan, 1))[0];
        using var client = Province();
        var response = await client.SendAsync(Record(Visit(community, Today.AddDays(-3), rectifyBy ?? Today.AddDays(10), (12, false), (3, true))), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("inspectionId").GetString()!;
    }

    private static string[] Codes(JsonElement problem, string path) =>
        [.. problem.GetProperty("codes").GetProperty(path).EnumerateArray().Select(c => c.GetString()!)];

    [Fact]
    public async Task Record_ByProvince_201WithLocationAndTheInspection()
    {
        // Arrange
        var community = (await factory.TakeNotStartedAsync(Wuhan, 1))[0];
        using var client = Province();

        // Act
        var response = await client.SendAsync(Record(Visit(community, Today.AddDays(-2), Today.AddDays(30), (12, false), (3, true))), Ct);
        var body = await response.JsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body.GetProperty("inspectionId").GetString()!;
        Assert.Equal($"/api/v1/inspections/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal((community, Wuhan, "not_started"), (body.GetProperty("community").GetString(), body.GetProperty("locality").GetString(), body.GetProperty("stage").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("communityName").GetString()));
        Assert.True(body.GetProperty("open").GetBoolean());
        Assert.False(body.GetProperty("overdue").GetBoolean());
        Assert.False(body.GetProperty("findings").GetProperty("12").GetProperty("met").GetBoolean());
        Assert.True(body.GetProperty("findings").GetProperty("3").GetProperty("met").GetBoolean());
        Assert.Equal(1L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'inspection.record' AND target = @id AND outcome = 'allowed' AND actor LIKE 'token:%'", new { id }));
    }

    [Fact]
    public async Task Record_RoleMatrix_OnlyTheProvince()
    {
        // Arrange
        var community = (await factory.TakeNotStartedAsync(Wuhan, 1))[0];
        var body = Visit(community, Today, Today.AddDays(5), (12, false));
        var before = await RowsAsync();
        using var wuhan = Locality(Wuhan);
        using var yichang = Locality(Yichang);
        using var anonymous = factory.CreateClient();

        // Act
        var byWuhan = await wuhan.SendAsync(Record(body), Ct);
        var byYichang = await yichang.SendAsync(Record(body), Ct);
        var byNobody = await anonymous.SendAsync(Record(body), Ct);
        var after = await RowsAsync();

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, byWuhan.StatusCode);
        Assert.Equal(["inspection_by_province_only"], Codes(await byWuhan.JsonAsync(), "$"));
        Assert.Equal(HttpStatusCode.Forbidden, byYichang.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
        Assert.Equal(before, after);
        Assert.True(await factory.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'inspection.record' AND outcome = 'refused'") >= 2);
    }

    [Fact]
    public async Task Answer_RoleMatrix_OnlyTheCommunitysLocality()
    {
        // Arrange
        var id = await RecordWuhanAsync();
        var body = Answers(Today, 12);
        using var province = Province();
        using var yichang = Locality(Yichang);
        using var anonymous = factory.CreateClient();
        using var wuhan = Locality(Wuhan);
        var before = await RowsAsync();

        // Act
        var byProvince = await province.SendAsync(Answer(id, body), Ct);
        var byYichang = await yichang.SendAsync(Answer(id, body), Ct);
        var byNobody = await anonymous.SendAsync(Answer(id, body), Ct);
        var unchanged = await RowsAsync();
        var byWuhan = await wuhan.SendAsync(Answer(id, body), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, byProvince.StatusCode);
        Assert.Equal(["answer_by_locality_only"], Codes(await byProvince.JsonAsync(), "$"));
        Assert.Equal(HttpStatusCode.Forbidden, byYichang.StatusCode);
        Assert.Equal(["outside_scope"], Codes(await byYichang.JsonAsync(), "$"));
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
        Assert.Equal(before, unchanged);
        Assert.Equal(HttpStatusCode.OK, byWuhan.StatusCode);
    }

    [Fact]
    public async Task Workflow_RecordListOpenAnswer_NoLongerOpen()
    {
        // Arrange
        var id = await RecordWuhanAsync();
        using var wuhan = Locality(Wuhan);
        using var yichang = Locality(Yichang);

        // Act
        var openBefore = await (await wuhan.GetAsync($"/api/v1/inspections?locality={Wuhan}&open=true", Ct)).JsonAsync();
        var readByOther = await (await yichang.GetAsync($"/api/v1/inspections?locality={Wuhan}", Ct)).JsonAsync();
        var answered = await wuhan.SendAsync(Answer(id, Answers(Today.AddDays(-1), 12)), Ct);
        var answer = await answered.JsonAsync();
        var openAfter = await (await wuhan.GetAsync($"/api/v1/inspections?locality={Wuhan}&open=true", Ct)).JsonAsync();
        var one = await (await wuhan.GetAsync($"/api/v1/inspections/{id}", Ct)).JsonAsync();

        // Assert
        Assert.Contains(openBefore.GetProperty("items").EnumerateArray(), i => i.GetProperty("inspectionId").GetString() == id);
        Assert.Contains(readByOther.GetProperty("items").EnumerateArray(), i => i.GetProperty("inspectionId").GetString() == id);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.False(answer.GetProperty("open").GetBoolean());
        Assert.DoesNotContain(openAfter.GetProperty("items").EnumerateArray(), i => i.GetProperty("inspectionId").GetString() == id);
        var finding = one.GetProperty("findings").GetProperty("12");
        Assert.Equal((Day(Today.AddDays(-1)), "已整改", false), (finding.GetProperty("rectifiedOn").GetString(), finding.GetProperty("rectificationNote").GetString(), finding.GetProperty("open").GetBoolean()));
        Assert.Equal(1L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'inspection.answer' AND target = @id AND outcome = 'allowed'", new { id }));
    }

    [Fact]
    public async Task List_PastRectifyBy_FlaggedOverdueWithItsDays()
    {
        // Arrange
        var community = (await factory.TakeNotStartedAsync(Wuhan, 1))[0];
        using var province = Province();
        var created = await province.SendAsync(Record(Visit(community, Today.AddDays(-20), Today.AddDays(-5), (7, false))), Ct);

        // Act
        var list = await (await province.GetAsync($"/api/v1/inspections?community={community}", Ct)).JsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.True(item.GetProperty("overdue").GetBoolean());
        Assert.Equal(5, item.GetProperty("daysOverdue").GetInt32());
    }

    [Fact]
    public async Task Discrepancy_AcceptedCommunityWithOpenFinding_ListedUntilRectified()
    {
        // Arrange: a community Wuhan has accepted (已验收) in the demo
        var accepted = (await factory.QueryAsync<string>(
            "SELECT c.code FROM communities c JOIN community_state s ON s.community_code = c.code WHERE c.locality_code = @Wuhan AND s.stage = 3 ORDER BY c.code DESC LIMIT 1", new { Wuhan }))[0];
        var id = await RecordWuhanAsync(accepted);
        using var wuhan = Locality(Wuhan);

        // Act
        var before = await (await wuhan.GetAsync("/api/v1/inspections?discrepancy=true", Ct)).JsonAsync();
        await wuhan.SendAsync(Answer(id, Answers(Today, 12)), Ct);
        var after = await (await wuhan.GetAsync("/api/v1/inspections?discrepancy=true", Ct)).JsonAsync();

        // Assert
        var item = Assert.Single(before.GetProperty("items").EnumerateArray(), i => i.GetProperty("inspectionId").GetString() == id);
        Assert.Equal(("accepted", true), (item.GetProperty("stage").GetString(), item.GetProperty("discrepancy").GetBoolean()));
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), i => i.GetProperty("inspectionId").GetString() == id);
    }

    [Fact]
    public async Task Record_SameKey_ReplaysTheFirstAnswerAndAnotherBodyIs422()
    {
        // Arrange
        var communities = await factory.TakeNotStartedAsync(Wuhan, 2);
        var key = Guid.NewGuid().ToString("N");
        using var province = Province();

        // Act
        var first = await province.SendAsync(Record(Visit(communities[0], Today, Today.AddDays(9), (2, false)), key), Ct);
        var firstText = await first.Content.ReadAsStringAsync(Ct);
        var rows = await RowsAsync();
        var again = await province.SendAsync(Record(Visit(communities[0], Today, Today.AddDays(9), (2, false)), key), Ct);
        var reused = await province.SendAsync(Record(Visit(communities[1], Today, Today.AddDays(9), (2, false)), key), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(firstText, await again.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((HttpStatusCode)422, reused.StatusCode);
        Assert.Equal(rows, await RowsAsync());
    }

    [Fact]
    public async Task Answer_SameKey_ReplaysTheFirstAnswer()
    {
        // Arrange
        var id = await RecordWuhanAsync();
        var key = Guid.NewGuid().ToString("N");
        using var wuhan = Locality(Wuhan);

        // Act
        var first = await wuhan.SendAsync(Answer(id, Answers(Today, 12), key), Ct);
        var rows = await RowsAsync();
        var again = await wuhan.SendAsync(Answer(id, Answers(Today, 12), key), Ct);
        var reused = await wuhan.SendAsync(Answer(id, Answers(Today.AddDays(-1), 12), key), Ct);
        var newKey = await wuhan.SendAsync(Answer(id, Answers(Today, 12)), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await again.Content.ReadAsStringAsync(Ct));
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((HttpStatusCode)422, reused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, newKey.StatusCode);   // a second answer is not a replay: already answered
        Assert.Equal(["finding_already_answered"], Codes(await newKey.JsonAsync(), "answers.12"));
        Assert.Equal(rows, await RowsAsync());
    }

    [Fact]
    public async Task Record_BadInput_400WithEveryPathAndNothingWritten()
    {
        // Arrange
        const string Body = """
            {"community":"4201","date":"2099-01-01","inspectors":"","findings":{"12":{"met":"no"},"17":{"met":true},"3":{"met":true,"note":7}},"rectifyBy":"later","x":1}
            """;
        using var province = Province();
        var before = await RowsAsync();

        // Act
        var response = await province.SendAsync(Record(System.Text.Json.Nodes.JsonNode.Parse(Body)!), Ct);
        var problem = await response.JsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            ["community", "date", "findings.12.met", "findings.17", "findings.3.note", "inspectors", "rectifyBy", "x"],
            problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task Record_UnknownCommunity_400AtCommunityAndNothingWritten()
    {
        // Arrange
        using var province = Province();
        var before = await RowsAsync();

        // Act
        var response = await province.SendAsync(Record(Visit("420100999999", Today, Today.AddDays(1), (1, false))), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["unknown_community"], Codes(await response.JsonAsync(), "community"));
        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task Answer_NotAFindingMetOrBeforeTheVisit_400AtEachPathAndNothingWritten()
    {
        // Arrange: criterion 12 not met, 3 met, visited three days ago
        var id = await RecordWuhanAsync();
        var body = Answers(Today, 3, 5);
        body["answers"]!["12"] = new System.Text.Json.Nodes.JsonObject { ["rectified"] = true, ["date"] = Day(Today.AddDays(-4)) };
        using var wuhan = Locality(Wuhan);
        var before = await RowsAsync();

        // Act
        var response = await wuhan.SendAsync(Answer(id, body), Ct);
        var problem = await response.JsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["finding_met"], Codes(problem, "answers.3"));
        Assert.Equal(["not_a_finding"], Codes(problem, "answers.5"));
        Assert.Equal(["before_visit"], Codes(problem, "answers.12.date"));
        Assert.Equal(before, await RowsAsync());
    }

    [Theory]
    [InlineData("locality=4201", "locality")]
    [InlineData("open=yes", "open")]
    [InlineData("community=42", "community")]
    [InlineData("discrepancy=1", "discrepancy")]
    public async Task List_BadFilter_400AtItsPath(string query, string path)
    {
        // Arrange
        using var client = Locality(Yichang);

        // Act
        var response = await client.GetAsync($"/api/v1/inspections?{query}", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([path], (await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task UnknownInspection_404ToReadAndToAnswer()
    {
        // Arrange
        using var wuhan = Locality(Wuhan);

        // Act
        var read = await wuhan.GetAsync("/api/v1/inspections/nothing-here", Ct);
        var answer = await wuhan.SendAsync(Answer("nothing-here", Answers(Today, 12)), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }
}
