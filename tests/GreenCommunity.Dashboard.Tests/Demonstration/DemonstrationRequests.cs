using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GreenCommunity.Dashboard.Tests.Shared;

namespace GreenCommunity.Dashboard.Tests.Demonstration;

/// <summary>The demonstration API's requests, and the rows its writes leave, for the tests.</summary>
internal static class DemonstrationRequests
{
    public const string Wuhan = "420100";
    public const string Yichang = "420500";

    public static HttpRequestMessage Post(string path, JsonNode body, string? key = null) => Post(path, body.ToJsonString(), key ?? Guid.NewGuid().ToString("N"));

    public static HttpRequestMessage Post(string path, string body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    public static JsonObject Designation(string community, string description = "垃圾分类与共享菜园示范点，供各地观摩。") =>
        new() { ["community"] = community, ["description"] = description };

    public static JsonObject Practice(string locality, string? community = null, string title = "红色物业推动小区治理") =>
        new() { ["locality"] = locality, ["title"] = title, ["description"] = "党组织牵头，物业、业委会与居民共同议事。", ["community"] = community };

    public static string Withdrawal(string community) => $"/api/v1/demonstration-bases/{community}/withdrawal";

    /// <summary>Rows of every table these writes touch: a refused request leaves them as they were.</summary>
    public static Task<string> RowsAsync(DashboardFactory factory) => factory.ScalarAsync<string>(
        """
        SELECT (SELECT COUNT(*) FROM demonstration_bases) || '/' || (SELECT COUNT(*) FROM demonstration_bases WHERE withdrawn_at IS NULL) || '/' ||
               (SELECT COUNT(*) FROM practices) || '/' || (SELECT COUNT(*) FROM action_keys)
        """);

    /// <summary>A community of the locality that is no base now, handed out once per factory.</summary>
    public static async Task<string> CommunityAsync(DashboardFactory factory, string locality) => (await factory.TakeNotStartedAsync(locality, 1))[0];
}
