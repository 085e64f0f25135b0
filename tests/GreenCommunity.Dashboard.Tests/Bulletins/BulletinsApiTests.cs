using System.Net;
using System.Text.Json;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Progress;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static GreenCommunity.Dashboard.Tests.Bulletins.BulletinRequests;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.Bulletins;

public sealed class BulletinsApiTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Workflow_DraftRemarksPublish_NumbersItAndThenRefusesEveryChange()
    {
        // Arrange
        using var province = factory.CreateClient(factory.Tokens.Province);

        // Act: draft, read, remarks, publish, then try again.
        using var drafted = await province.SendAsync(Draft(LastMonth, "初稿"), Ct);
        var id = (await drafted.JsonAsync()).GetProperty("bulletinId").GetString()!;
        var draft = await (await province.GetAsync($"/api/v1/bulletins/{id}", Ct)).JsonAsync();
        using var remarked = await province.SendAsync(Remarks(id, "请排名靠后的地区加快进度。"), Ct);
        using var published = await province.SendAsync(Publish(id), Ct);
        var answer = await published.JsonAsync();
        using var again = await province.SendAsync(Publish(id), Ct);
        using var lateRemarks = await province.SendAsync(Remarks(id, "改动"), Ct);
        var read = await (await province.GetAsync($"/api/v1/bulletins/{id}", Ct)).JsonAsync();
        var rawUpdate = await Assert.ThrowsAsync<SqliteException>(() => factory.ScalarAsync<long>("UPDATE bulletins SET remarks = 'x' WHERE bulletin_id = @id", new { id }));

        // Assert
        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        Assert.Equal($"/api/v1/bulletins/{id}", drafted.Headers.Location?.OriginalString);
        Assert.Equal(("draft", LastMonth, Day(LastMonthEnd)), (draft.GetProperty("status").GetString(), draft.GetProperty("month").GetString(),
            draft.GetProperty("figures").GetProperty("asOf").GetString()));
        Assert.Equal(17, draft.GetProperty("figures").GetProperty("ranking").GetArrayLength());
        Assert.Equal(3, draft.GetProperty("figures").GetProperty("milestones").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, draft.GetProperty("number").ValueKind);
        Assert.Equal(HttpStatusCode.OK, remarked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var year = answer.GetProperty("year").GetInt32();
        var number = answer.GetProperty("number").GetInt32();
        Assert.Equal(Today.Year, year);
        Assert.Equal($"{year}年第{number}期", answer.GetProperty("numberText").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, lateRemarks.StatusCode);
        Assert.Equal(("published", "请排名靠后的地区加快进度。", number), (read.GetProperty("status").GetString(), read.GetProperty("remarks").GetString(), read.GetProperty("number").GetInt32()));
        Assert.Contains("cannot be changed", rawUpdate.Message, StringComparison.Ordinal);
        Assert.Equal(await factory.ScalarAsync<string>("SELECT content FROM bulletins WHERE bulletin_id = @id", new { id }), read.GetProperty("figures").GetRawText());
        var audit = await factory.QueryAsync<string>("SELECT action || ':' || outcome FROM audit_log WHERE target = @id ORDER BY id", new { id });
        Assert.Equal(["bulletin.draft:allowed", "bulletin.remarks:allowed", "bulletin.publish:allowed", "bulletin.publish:refused", "bulletin.remarks:refused"], audit);
    }

    [Fact]
    public async Task Writes_ByEachSender_OnlyTheProvinceWrites()
    {
        // Arrange: a draft to act on, and every kind of API sender.
        using var province = factory.CreateClient(factory.Tokens.Province);
        var id = await DraftAsync(province, LastMonth);
        var senders = new Dictionary<string, string>
        {
            ["wuhan"] = factory.Tokens.Localities[Wuhan],
            ["yichang"] = factory.Tokens.Localities[Yichang],
        };
        var before = await RowsAsync();

        // Act / Assert: a locality's token (its own or another's: a bulletin is the province's) is refused every write.
        foreach (var (name, token) in senders)
        {
            using var client = factory.CreateClient(token);
            foreach (var request in new[] { Draft(LastMonth), Remarks(id, "x"), Publish(id) })
            {
                using var response = await client.SendAsync(request, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name} {request.RequestUri}: {response.StatusCode}");
                Assert.Contains("province_only", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }
        }
        Assert.Equal(before, await RowsAsync());

        // The province: each write done.
        using var drafted = await province.SendAsync(Draft(LastMonth), Ct);
        using var remarked = await province.SendAsync(Remarks(id, "x"), Ct);
        using var published = await province.SendAsync(Publish(id), Ct);
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK], [drafted.StatusCode, remarked.StatusCode, published.StatusCode]);
    }

    [Fact]
    public async Task Reads_ByEachReader_DraftsAreTheProvincesAlone()
    {
        // Arrange: one published bulletin and one draft.
        using var province = factory.CreateClient(factory.Tokens.Province);
        var publishedId = await DraftAsync(province, LastMonth);
        using (await province.SendAsync(Publish(publishedId), Ct))
        {
        }
        var draftId = await DraftAsync(province, LastMonth);
        using var wuhan = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        using var admin = await factory.SignedInClientAsync("admin");
        using var coordinator = await factory.SignedInClientAsync("wuhan");
        using var leader = await factory.SignedInClientAsync("leader");

        // Act
        var provinceList = await (await province.GetAsync("/api/v1/bulletins", Ct)).JsonAsync();
        var wuhanList = await (await wuhan.GetAsync("/api/v1/bulletins", Ct)).JsonAsync();

        // Assert: tokens.
        Assert.Contains(Ids(provinceList), i => i == draftId);
        Assert.DoesNotContain(Ids(wuhanList), i => i == draftId);
        Assert.Contains(Ids(wuhanList), i => i == publishedId);
        Assert.Equal(HttpStatusCode.OK, (await wuhan.GetAsync($"/api/v1/bulletins/{publishedId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await wuhan.GetAsync($"/api/v1/bulletins/{draftId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await wuhan.GetAsync($"/api/v1/bulletins/{draftId}.xlsx", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await province.GetAsync($"/api/v1/bulletins/{draftId}.xlsx", Ct)).StatusCode);
        // People: the page's file and the pages themselves.
        foreach (var (client, seesDraft) in new[] { (admin, true), (coordinator, false), (leader, false) })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/bulletins/{publishedId}/workbook", Ct)).StatusCode);
            Assert.Equal(seesDraft ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync($"/bulletins/{draftId}/workbook", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/bulletins", Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task Publish_TwoAtOnce_TakeConsecutiveNumbersOfTheYear()
    {
        // Arrange
        using var province = factory.CreateClient(factory.Tokens.Province);
        var first = await DraftAsync(province, LastMonth);
        var second = await DraftAsync(province, ThisMonth);
        var third = await DraftAsync(province, LastMonth);

        // Act: two bulletins at once, and one bulletin twice at once (different keys).
        var both = await Task.WhenAll(province.SendAsync(Publish(first), Ct), province.SendAsync(Publish(second), Ct));
        var twice = await Task.WhenAll(province.SendAsync(Publish(third), Ct), province.SendAsync(Publish(third), Ct));

        // Assert
        Assert.All(both, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var numbers = new List<int>();
        foreach (var response in both)
        {
            numbers.Add((await response.JsonAsync()).GetProperty("number").GetInt32());
        }
        numbers.Sort();
        Assert.Equal(numbers[0] + 1, numbers[1]);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], twice.Select(r => r.StatusCode).Order());
        var all = await factory.QueryAsync<long>("SELECT number FROM bulletins WHERE number_year = @year ORDER BY number", new { year = Today.Year });
        Assert.Equal(Enumerable.Range(1, all.Count).Select(n => (long)n), all);
    }

    [Fact]
    public async Task Publish_ThenALateReportForThatMonth_ThePublishedFiguresStayWhileTheMonthsChange()
    {
        // Arrange: last month's bulletin published.
        using var province = factory.CreateClient(factory.Tokens.Province);
        var id = await DraftAsync(province, LastMonth);
        using (await province.SendAsync(Publish(id), Ct))
        {
        }
        var before = await (await province.GetAsync($"/api/v1/bulletins/{id}", Ct)).JsonAsync();
        var progress = factory.Services.GetRequiredService<ProgressReader>();
        var startedBefore = (await progress.GetProvinceAsync(LastMonthEnd, Ct)).Find(Wuhan)!.Figures.Started;

        // Act: Wuhan reports three communities started in the middle of last month.
        var communities = await factory.TakeNotStartedAsync(Wuhan, 3);
        await LiveReports.StartAsync(factory, Wuhan, communities, LastMonthEnd.AddDays(-10));
        var after = await (await province.GetAsync($"/api/v1/bulletins/{id}", Ct)).JsonAsync();
        var startedAfter = (await progress.GetProvinceAsync(LastMonthEnd, Ct)).Find(Wuhan)!.Figures.Started;

        // Assert: the month's figures changed; the published bulletin's did not.
        Assert.Equal(startedBefore + 3, startedAfter);
        Assert.Equal(before.GetProperty("figures").GetRawText(), after.GetProperty("figures").GetRawText());
        var wuhanRow = after.GetProperty("figures").GetProperty("ranking").EnumerateArray().Single(r => r.GetProperty("locality").GetProperty("code").GetString() == Wuhan);
        Assert.Equal(startedBefore, wuhanRow.GetProperty("started").GetInt32());
    }

    [Fact]
    public async Task Post_BadInput_Answers400WithEveryPathAndWritesNothing()
    {
        // Arrange
        using var province = factory.CreateClient(factory.Tokens.Province);
        var id = await DraftAsync(province, LastMonth);
        var cases = new (HttpRequestMessage Request, string[] Paths, string[] Codes)[]
        {
            (PostTo("/api/v1/bulletins", "{}"), ["month"], ["required"]),
            (PostTo("/api/v1/bulletins", """{"month":202610,"remarks":7,"extra":1}"""), ["month", "remarks", "extra"], ["not_a_string", "not_a_string", "unknown_field"]),
            (Draft("2026-13"), ["month"], ["invalid_month"]),
            (Draft("10/2026"), ["month"], ["invalid_month"]),
            (Draft("2021-05"), ["month"], ["month_before_campaign"]),
            (Draft(Today.AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)), ["month"], ["month_in_future"]),
            (Draft(LastMonth, new string('字', 4001)), ["remarks"], ["too_long"]),
            (PostTo($"/api/v1/bulletins/{id}/remarks", "{}"), ["remarks"], ["required"]),
            (PostTo($"/api/v1/bulletins/{id}/remarks", """{"remarks":["a"],"month":"2026-10"}"""), ["remarks", "month"], ["not_a_string", "unknown_field"]),
            (PostTo($"/api/v1/bulletins/{id}/publication", """{"now":true}"""), ["now"], ["unknown_field"]),
        };
        var before = await RowsAsync();

        foreach (var (request, paths, codes) in cases)
        {
            // Act
            using var response = await province.SendAsync(request, Ct);
            var problem = await response.JsonAsync();

            // Assert
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(paths.Order(), problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal(codes, paths.Select(p => problem.GetProperty("codes").GetProperty(p)[0].GetString()));
        }
        Assert.Equal(before, await RowsAsync());
        Assert.Equal("", await factory.ScalarAsync<string>("SELECT remarks FROM bulletins WHERE bulletin_id = @id", new { id }));
    }

    [Fact]
    public async Task Post_SameKey_ReplaysTheFirstAnswerAndAnotherBodyIsRefused()
    {
        // Arrange
        using var province = factory.CreateClient(factory.Tokens.Province);
        var key = Guid.NewGuid().ToString("N");
        var other = await DraftAsync(province, LastMonth);

        // Act
        using var first = await province.SendAsync(Draft(LastMonth, "重放", key), Ct);
        var rows = await RowsAsync();
        using var replay = await province.SendAsync(Draft(LastMonth, "重放", key), Ct);
        var rowsAfterReplay = await RowsAsync();
        using var reused = await province.SendAsync(Draft(LastMonth, "另一份", key), Ct);
        var id = (await first.JsonAsync()).GetProperty("bulletinId").GetString()!;
        var publishKey = Guid.NewGuid().ToString("N");
        using var published = await province.SendAsync(Publish(id, publishKey), Ct);
        using var publishReplay = await province.SendAsync(Publish(id, publishKey), Ct);
        using var publishOther = await province.SendAsync(Publish(other, publishKey), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await replay.Content.ReadAsStringAsync(Ct));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(rows, rowsAfterReplay);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, publishReplay.StatusCode);
        Assert.Equal(await published.Content.ReadAsStringAsync(Ct), await publishReplay.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, publishOther.StatusCode);
        Assert.Equal("draft", await factory.ScalarAsync<string>("SELECT status FROM bulletins WHERE bulletin_id = @other", new { other }));
    }

    [Fact]
    public async Task Workbook_Published_HoldsTheTitleEverySectionAndTheRemarks()
    {
        // Arrange
        using var province = factory.CreateClient(factory.Tokens.Province);
        var id = await DraftAsync(province, LastMonth, "请各地对照目标加快进度。");
        var answer = await (await province.SendAsync(Publish(id), Ct)).JsonAsync();

        // Act
        using var response = await province.GetAsync($"/api/v1/bulletins/{id}.xlsx", Ct);
        using var alias = await province.GetAsync($"/api/v1/bulletins/{id}/workbook", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(bytes)).Cast<IDictionary<string, object?>>().ToList();
        var firstCells = rows.Select(r => r["A"]?.ToString()).ToList();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        // The same sheet by its other address (not the same bytes: the package stamps its parts with the time written).
        Assert.Equal(firstCells, MiniExcelLibs.MiniExcel.Query(await alias.Content.ReadAsStreamAsync(Ct)).Cast<IDictionary<string, object?>>().Select(r => r["A"]?.ToString()));
        Assert.StartsWith($"湖北省绿色社区创建工作通报 {answer.GetProperty("numberText").GetString()}", firstCells[0], StringComparison.Ordinal);
        Assert.Equal("一、各地创建进度排名", firstCells[1]);
        foreach (var section in new[] { "二、阶段目标完成情况", "三、报送逾期和缺报情况", "四、暗访督查发现的未整改问题", "五、备注" })
        {
            Assert.Contains(section, firstCells);
        }
        Assert.Equal("请各地对照目标加快进度。", firstCells[^2]);
        var ranking = rows.SkipWhile(r => r["A"]?.ToString() != "名次").Skip(1).TakeWhile(r => r["A"] is not null).ToList();
        Assert.Equal(17, ranking.Count);
        var figures = (await (await province.GetAsync($"/api/v1/bulletins/{id}", Ct)).JsonAsync()).GetProperty("figures").GetProperty("ranking");
        Assert.Equal(figures.EnumerateArray().Select(r => r.GetProperty("locality").GetProperty("name").GetString()), ranking.Select(r => r["B"]?.ToString()));
    }

    private static IEnumerable<string> Ids(JsonElement list) =>
        list.GetProperty("bulletins").EnumerateArray().Select(b => b.GetProperty("bulletinId").GetString()!);

    /// <summary>Everything a bulletin write leaves: its rows, the keys and the audit rows of writes done (a replay's row notes an answer, not a write).</summary>
    private Task<string> RowsAsync() => factory.ScalarAsync<string>(
        """
        SELECT (SELECT COUNT(*) FROM bulletins) || '/' || (SELECT COUNT(*) FROM bulletins WHERE status = 'published') || '/' ||
               (SELECT group_concat(remarks, '|') FROM bulletins) || '/' || (SELECT COUNT(*) FROM action_keys) || '/' ||
               (SELECT COUNT(*) FROM audit_log WHERE action LIKE 'bulletin.%' AND outcome = 'allowed' AND detail NOT LIKE 'same Idempotency-Key%')
        """);
}
