using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GreenCommunity.Dashboard.Tests.Shared;

/// <summary>Report bodies and requests as an external system would send them.</summary>
public static class ReportBodies
{
    public const string Wuhan = "420100";
    public const string Yichang = "420500";

    /// <summary>Today in China, as the server sees it.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    public static string ThisMonth => Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject Monthly(string locality, params JsonObject[] updates) => new()
    {
        ["locality"] = locality,
        ["kind"] = "monthly",
        ["period"] = ThisMonth,
        ["submittedBy"] = "武汉市住房和城乡建设局",
        ["narrative"] = "测试报告",
        ["updates"] = new JsonArray(updates.Select(u => (JsonNode)u).ToArray()),
    };

    public static JsonObject Update(string community, string? stage, DateOnly? effective = null, JsonObject? criteria = null)
    {
        var update = new JsonObject { ["community"] = community, ["effective"] = Day(effective ?? Today) };
        if (stage is not null)
        {
            update["stage"] = stage;
        }
        if (criteria is not null)
        {
            update["criteria"] = criteria;
        }
        return update;
    }

    public static JsonObject AllCriteriaMet()
    {
        var criteria = new JsonObject();
        for (var i = 1; i <= 16; i++)
        {
            criteria[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = i == 12 ? JsonValue.Create(0.5) : JsonValue.Create(true);
        }
        return criteria;
    }

    public static HttpRequestMessage Post(JsonNode body, string? key = null) => Post(body.ToJsonString(), key ?? Guid.NewGuid().ToString("N"));

    public static HttpRequestMessage Post(string body, string? key, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return request;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
