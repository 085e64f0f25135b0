using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.Inspections;

/// <summary>Inspection bodies and requests as the province's and a locality's systems would send them.</summary>
public static class InspectionRequests
{
    public static JsonObject Visit(string community, DateOnly date, DateOnly? rectifyBy, params (int Criterion, bool Met)[] findings)
    {
        var body = new JsonObject
        {
            ["community"] = community,
            ["date"] = Day(date),
            ["inspectors"] = "省住建厅暗访组",
            ["findings"] = new JsonObject(findings.Select(f => KeyValuePair.Create<string, JsonNode?>(
                f.Criterion.ToString(System.Globalization.CultureInfo.InvariantCulture), new JsonObject { ["met"] = f.Met, ["note"] = f.Met ? null : "未达标" }))),
        };
        if (rectifyBy is { } due)
        {
            body["rectifyBy"] = Day(due);
        }
        return body;
    }

    public static JsonObject Answers(DateOnly date, params int[] criteria) => new()
    {
        ["answers"] = new JsonObject(criteria.Select(c => KeyValuePair.Create<string, JsonNode?>(
            c.ToString(System.Globalization.CultureInfo.InvariantCulture), new JsonObject { ["rectified"] = true, ["note"] = "已整改", ["date"] = Day(date) }))),
    };

    public static HttpRequestMessage PostTo(string path, JsonNode body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString("N"));
        return request;
    }

    public static HttpRequestMessage Record(JsonNode body, string? key = null) => PostTo("/api/v1/inspections", body, key);

    public static HttpRequestMessage Answer(string inspectionId, JsonNode body, string? key = null) => PostTo($"/api/v1/inspections/{inspectionId}/answers", body, key);
}
