using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;
using Microsoft.Extensions.DependencyInjection;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.Api;

/// <summary>Inputs a hostile test found answering 500 or being stored wrongly: each is refused with 400 at its place, or read back as JSON.</summary>
public sealed class HostileInputTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"locality":"420100","locality":"420500",""", "locality")]
    [InlineData("""{"locality":"420100",""", "updates[0].stage", ""","stage":"pilot","stage":"in_progress" """)]
    public async Task Post_FieldGivenTwice_Answers400AtThatFieldAndStoresNothing(string start, string path, string updateExtra = "")
    {
        // Arrange
        var community = (await factory.TakeNotStartedAsync(Wuhan, 1))[0];
        var body = start + $$"""
            "kind":"monthly","period":"{{ThisMonth}}","submittedBy":"x",
            "updates":[{"community":"{{community}}","effective":"{{Day(Today)}}"{{updateExtra}}}]}
            """;
        using var client = factory.CreateClient(factory.Tokens.Province);
        var before = await factory.FingerprintAsync();

        // Act
        var response = await client.SendAsync(Post(body, Guid.NewGuid().ToString("N")), Ct);
        var problem = await response.JsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ReportProblemCodes.DuplicateField, problem.GetProperty("codes").GetProperty(path)[0].GetString());
        Assert.Equal(before, await factory.FingerprintAsync());
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, "narrative")]                 // not UTF-8 at all
    [InlineData(new byte[] { 0xE6, 0xAD }, "narrative")]           // a three-byte character cut short
    [InlineData(new byte[] { 0x5C, 0x75, 0x64, 0x38, 0x30, 0x30 }, "narrative")]   // \ud800: a lone surrogate escape
    [InlineData(new byte[] { 0x5C, 0x75, 0x30, 0x30, 0x30, 0x30 }, "narrative")]   // \u0000: NUL, stored it would break exports
    public async Task Post_TextThatIsNotUnicode_Answers400AtThatFieldAndStoresNothing(byte[] inside, string path)
    {
        // Arrange
        var report = Monthly(Wuhan);
        report["narrative"] = "before@after";
        var body = Encoding.UTF8.GetBytes(report.ToJsonString());
        var at = Array.IndexOf(body, (byte)'@');
        var hostile = body[..at].Concat(inside).Concat(body[(at + 1)..]).ToArray();
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = new ByteArrayContent(hostile) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var before = await factory.FingerprintAsync();

        // Act
        var response = await client.SendAsync(request, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var codes = (await response.JsonAsync()).GetProperty("codes");
        Assert.True(codes.TryGetProperty(path, out var code) || codes.TryGetProperty("$", out code), codes.ToString());
        Assert.Contains(code[0].GetString(), new[] { ReportProblemCodes.InvalidText, ReportProblemCodes.InvalidJson });
        Assert.Equal(before, await factory.FingerprintAsync());
    }

    [Theory]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=latin1")]
    public async Task Post_ACharsetOtherThanUtf8_Answers415AndStoresNothing(string contentType)
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        var before = await factory.FingerprintAsync();

        // Act
        var response = await client.SendAsync(Post(Monthly(Wuhan).ToJsonString(), Guid.NewGuid().ToString("N"), contentType), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(before, await factory.FingerprintAsync());
    }

    [Fact]
    public async Task Get_AReportStoredWithAFieldTwice_AnswersItsJson()
    {
        // Arrange: such bodies were stored before duplicated fields were refused; the intake had read the field's last value
        var report = new ReportSubmission(Yichang, ReportKind.Monthly, ReportPeriod.OfMonth(Today.Year, Today.Month), "宜昌", "第二", []);
        var body = $$"""{"locality":"420500","kind":"monthly","period":"{{ThisMonth}}","submittedBy":"宜昌","narrative":"第一","narrative":"第二","updates":[]}""";
        var stored = await factory.Services.GetRequiredService<ReportIntake>().SubmitAsync(report, SubmitterScope.ForLocality(Yichang), null, body, new Actor("test", null), Ct);
        using var client = factory.CreateClient(factory.Tokens.Province);

        // Act
        var response = await client.GetAsync($"/api/v1/reports/{stored.Report!.ReportId}", Ct);
        var json = await response.JsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("第二", json.GetProperty("narrative").GetString());
        Assert.Equal(stored.Report.ReportId, json.GetProperty("reportId").GetString());
    }

    [Fact]
    public async Task List_AFarPage_IsBoundedAndBeyondTheLastPageEmpty()
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Province);
        var total = await factory.ScalarAsync<long>("SELECT COUNT(*) FROM reports");

        // Act
        var overflowing = await client.GetAsync("/api/v1/reports?page=4294969&pageSize=500", Ct);
        var beyond = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports?page={(total / 500) + 2}&pageSize=500", Ct);
        var last = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports?page=1000000&pageSize=500", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, overflowing.StatusCode);
        Assert.True((await overflowing.JsonAsync()).GetProperty("errors").TryGetProperty("page", out _));
        Assert.Empty(beyond.GetProperty("items").EnumerateArray());
        Assert.Equal(total, beyond.GetProperty("total").GetInt64());
        Assert.Empty(last.GetProperty("items").EnumerateArray());
        Assert.Equal(1_000_000, last.GetProperty("page").GetInt32());
    }
}
