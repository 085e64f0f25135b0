using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GreenCommunity.Dashboard.Tests.Shared;

namespace GreenCommunity.Dashboard.Tests.Bulletins;

/// <summary>Bulletin requests as a province's system would send them.</summary>
public static class BulletinRequests
{
    /// <summary>Last month, whose figures are those of its last day.</summary>
    public static string LastMonth => ReportBodies.Today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static DateOnly LastMonthEnd => new DateOnly(ReportBodies.Today.Year, ReportBodies.Today.Month, 1).AddDays(-1);

    public static HttpRequestMessage PostTo(string path, string body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString("N"));
        return request;
    }

    public static HttpRequestMessage Draft(string month, string remarks = "", string? key = null) =>
        PostTo("/api/v1/bulletins", JsonSerializer.Serialize(new { month, remarks }), key);

    public static HttpRequestMessage Remarks(string id, string remarks, string? key = null) =>
        PostTo($"/api/v1/bulletins/{id}/remarks", JsonSerializer.Serialize(new { remarks }), key);

    public static HttpRequestMessage Publish(string id, string? key = null) => PostTo($"/api/v1/bulletins/{id}/publication", "{}", key);

    /// <summary>A draft for a month by the province's token; its id.</summary>
    public static async Task<string> DraftAsync(HttpClient province, string month, string remarks = "")
    {
        using var response = await province.SendAsync(Draft(month, remarks), Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("bulletinId").GetString()!;
    }
}
