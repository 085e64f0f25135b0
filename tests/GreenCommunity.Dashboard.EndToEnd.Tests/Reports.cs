using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Dashboard.EndToEnd.Tests;

internal static class Reports
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>Communities not started yet, read straight from the app's database file.</summary>
    public static Task<IReadOnlyList<string>> NotStartedAsync(string dataDirectory, string locality, int count) =>
        NotStartedAsync(SqliteStore.ForDirectory(dataDirectory), locality, count);

    /// <summary>Communities not started yet, read straight from the app's store.</summary>
    public static async Task<IReadOnlyList<string>> NotStartedAsync(StoreDatabase store, string locality, int count)
    {
        await using var connection = await store.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<string>(
            "SELECT c.code FROM communities c JOIN community_state s ON s.community_code = c.code WHERE c.locality_code = @locality AND s.stage = 0 ORDER BY c.code LIMIT @count",
            new { locality, count })).AsList();
    }

    /// <summary>Posts a report and returns the status code, whatever it is.</summary>
    public static async Task<int> TryPostAsync(HttpClient client, string locality, IEnumerable<string> communities)
    {
        using var response = await SendAsync(client, locality, communities, "in_progress");
        return (int)response.StatusCode;
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string locality, IEnumerable<string> communities, string stage = "in_progress")
    {
        using var response = await SendAsync(client, locality, communities, stage);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"POST answered {(int)response.StatusCode}: {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Takes communities into progress with all 16 criteria met (property management at 60%): ready to apply for acceptance.</summary>
    public static async Task<JsonElement> PostReadyAsync(HttpClient client, string locality, IEnumerable<string> communities)
    {
        var criteria = Enumerable.Range(1, 16).ToDictionary(i => i.ToString(CultureInfo.InvariantCulture), i => i == 12 ? (object)0.6 : true);
        using var response = await SendAsync(client, locality, communities, "in_progress", criteria);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"POST answered {(int)response.StatusCode}: {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string locality, IEnumerable<string> communities, string stage,
        IReadOnlyDictionary<string, object>? criteria = null)
    {
        var today = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var body = JsonSerializer.Serialize(new
        {
            locality,
            kind = "monthly",
            period = Today.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            submittedBy = "端到端测试",
            updates = communities.Select(community => new { community, stage, effective = today, criteria = criteria ?? new Dictionary<string, object>() }),
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return await client.SendAsync(request);
    }
}
