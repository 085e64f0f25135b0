using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace GreenCommunity.LoadTests;

/// <summary>One posted report: its id, when the request started (wall clock and Stopwatch) and how it went.</summary>
internal sealed record PostedReport(string ReportId, long StartUnixMs, long StartTimestamp, HttpStatusCode Status, double RoundTripMs, int Applied);

/// <summary>
/// Posts valid reports to the dashboard's intake. Each report moves one not-started community (read from the data
/// directory's SQLite file before the app starts) to in_progress, round-robin over the localities, so that every
/// report changes the figures; when none is left (or the schema has changed, or the store is PostgreSQL) it falls back to a criteria-only update
/// toggling criterion 1 of one of Yichang's communities, which is always valid.
/// </summary>
internal sealed class ReportPoster : IDisposable
{
    private static readonly TimeSpan s_chinaOffset = TimeSpan.FromHours(8);
    private readonly HttpClient _http;
    private readonly Credentials _credentials;
    private readonly Queue<(string Community, string Locality)> _notStarted;
    private readonly List<string> _fallback;
    private int _count;

    public ReportPoster(Uri baseAddress, Credentials credentials, string dataDirectory, string assetsDirectory)
    {
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        _credentials = credentials;
        _notStarted = new Queue<(string, string)>(ReadNotStarted(dataDirectory, credentials));
        _fallback = ReadCommunities(assetsDirectory, "420500");
    }

    public int NotStartedAvailable => _notStarted.Count;

    public async Task<PostedReport> PostAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _count);
        var today = DateTimeOffset.UtcNow.ToOffset(s_chinaOffset);
        JsonObject update;
        string locality;
        if (_notStarted.TryDequeue(out var next))
        {
            locality = next.Locality;
            update = new JsonObject
            {
                ["community"] = next.Community,
                ["stage"] = "in_progress",
                ["effective"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["criteria"] = new JsonObject { ["1"] = true },
            };
        }
        else
        {
            locality = "420500";
            var community = _fallback[n % _fallback.Count];
            update = new JsonObject
            {
                ["community"] = community,
                ["effective"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["criteria"] = new JsonObject { ["1"] = n / _fallback.Count % 2 == 0 },
            };
        }
        var body = new JsonObject
        {
            ["locality"] = locality,
            ["kind"] = "monthly",
            ["period"] = today.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            ["submittedBy"] = "负载测试 (load test)",
            ["narrative"] = "load test",
            ["updates"] = new JsonArray(update),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, Selectors.ReportsApi)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _credentials.Localities[locality]);
        request.Headers.Add("Idempotency-Key", $"load-{Guid.NewGuid():N}");
        var startUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var start = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.Created)
        {
            Console.Error.WriteLine($"POST {Selectors.ReportsApi}: {(int)response.StatusCode} {text}");
            return new PostedReport("", startUnixMs, start, response.StatusCode, elapsed, 0);
        }
        using var json = JsonDocument.Parse(text);
        return new PostedReport(json.RootElement.GetProperty("reportId").GetString()!, startUnixMs, start, response.StatusCode, elapsed,
            json.RootElement.TryGetProperty("applied", out var applied) ? applied.GetInt32() : 0);
    }

    private static List<(string, string)> ReadNotStarted(string dataDirectory, Credentials credentials)
    {
        if (!File.Exists(Path.Combine(dataDirectory, "greencommunity.db")))
        {
            return [];   // the store is not a SQLite file here (PostgreSQL): criteria-only updates
        }
        try
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "greencommunity.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT c.code, c.locality_code FROM community_state s JOIN communities c ON c.code = s.community_code
                WHERE s.stage = 0 ORDER BY c.locality_code, c.code
                """;
            var byLocality = new Dictionary<string, Queue<string>>(StringComparer.Ordinal);
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var locality = reader.GetString(1);
                    if (credentials.Localities.ContainsKey(locality))
                    {
                        (byLocality.TryGetValue(locality, out var q) ? q : byLocality[locality] = new Queue<string>()).Enqueue(reader.GetString(0));
                    }
                }
            }
            var result = new List<(string, string)>();
            while (byLocality.Values.Any(q => q.Count > 0))
            {
                foreach (var (locality, queue) in byLocality)
                {
                    if (queue.TryDequeue(out var code))
                    {
                        result.Add((code, locality));
                    }
                }
            }
            return result;
        }
        catch (SqliteException e)
        {
            Console.Error.WriteLine($"Could not read not-started communities ({e.Message}); reports will be criteria-only updates.");
            return [];
        }
    }

    private static List<string> ReadCommunities(string assetsDirectory, string locality)
    {
        var file = Path.Combine(assetsDirectory, "reference", "hubei_communities.csv");
        var codes = File.ReadLines(file).Skip(1).Select(l => l.Split(','))
            .Where(f => f.Length > 3 && f[3] == locality).Select(f => f[0]).Take(50).ToList();
        return codes.Count > 0 ? codes : throw new InvalidOperationException($"No community of {locality} in {file}.");
    }

    /// <summary>The bare hub's message, shaped like the dashboard's "reportReceived" (ReportReceivedMessage).</summary>
    public static JsonObject BareMessage(string reportId) => new()
    {
        ["reportId"] = reportId,
        ["locality"] = "420500",
        ["kind"] = "monthly",
        ["period"] = DateTimeOffset.UtcNow.ToOffset(s_chinaOffset).ToString("yyyy-MM", CultureInfo.InvariantCulture),
        ["onTime"] = true,
        ["receivedAt"] = DateTimeOffset.UtcNow.ToOffset(s_chinaOffset).ToString("O", CultureInfo.InvariantCulture),
        ["applied"] = 1,
    };

    public void Dispose() => _http.Dispose();
}
