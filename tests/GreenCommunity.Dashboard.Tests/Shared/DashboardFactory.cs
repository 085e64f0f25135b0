using Dapper;
using GreenCommunity.Data.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace GreenCommunity.Dashboard.Tests.Shared;

/// <summary>The real app on a test server, with its own data directory and the demo history (seed 2021).</summary>
public class DashboardFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>
    /// The demo store (seed 2021), played once per test run and copied into each fixture's folder before its app starts:
    /// playing two years of reports is most of a fixture's start-up. The copy is a store the app then opens as existing.
    /// </summary>
    private static readonly Lazy<string> s_seededStore = new(SeedStore, LazyThreadSafetyMode.ExecutionAndPublication);

    private bool _keepData;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "gc-web-" + Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(DataDirectory, "greencommunity.db");

    /// <summary>Settings a derived fixture changes (demo off, live feed on).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Demo:Enabled"] = "true",
        ["Demo:Seed"] = "2021",
        ["Demo:LiveFeedSeconds"] = "0",   // tests send their own reports
        ["RateLimits:SignInPerMinute"] = "100000",   // every test signs in from the same address
        ["RateLimits:ApiPerMinute"] = "100000",
    };

    /// <summary>Every log record the app wrote (the host's own providers keep theirs).</summary>
    public FakeLogCollector Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (!_keepData && PlaysTheSeededDemo())
        {
            CopySeededStore();
        }
        builder.ConfigureLogging(logging => logging.AddProvider(new FakeLoggerProvider(Logs)));
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>The demo tokens written on first start: the province's and each locality's.</summary>
    public DemoTokens Tokens => _tokens ??= DemoTokens.Read(Path.Combine(DataDirectory, "demo-credentials.json"));

    private DemoTokens? _tokens;

    private int _taken;

    /// <summary>A browser-like client signed in through the sign-in form (antiforgery token and all).</summary>
    public async Task<HttpClient> SignedInClientAsync(string userName, string? password = null, string? culture = null)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await SignInAsync(client, userName, password ?? Tokens.Passwords[userName]);
        if (response.Headers.Location?.OriginalString.Contains("error", StringComparison.Ordinal) != false)
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {response.StatusCode} {response.Headers.Location}");
        }
        if (culture is not null)
        {
            await client.GetAsync($"/culture/set?culture={culture}");
        }
        return client;
    }

    /// <summary>Posts the sign-in form as a browser would; returns the redirect.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        });
        return await client.PostAsync("/account/login", form);
    }

    /// <summary>Communities not started yet in a locality, each handed out once per factory so tests do not collide.</summary>
    public async Task<IReadOnlyList<string>> TakeNotStartedAsync(string locality, int count)
    {
        var all = await QueryAsync<string>(
            "SELECT c.code FROM communities c JOIN community_state s ON s.community_code = c.code WHERE c.locality_code = @locality AND s.stage = 0 ORDER BY c.code",
            new { locality });
        var start = Interlocked.Add(ref _taken, count) - count;
        return all.Skip(start).Take(count).ToList();
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = await Services.GetRequiredService<StoreDatabase>().OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<T>(sql, args)).AsList();
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = await Services.GetRequiredService<StoreDatabase>().OpenAsync(CancellationToken.None);
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    /// <summary>Row counts of everything a report writes, to show that a refused one wrote nothing.</summary>
    public Task<string> FingerprintAsync() => ScalarAsync<string>(
        """
        SELECT (SELECT COUNT(*) FROM reports) || '/' || (SELECT COUNT(*) FROM stage_events) || '/' ||
               (SELECT COUNT(*) FROM criterion_assessments) || '/' || (SELECT COUNT(*) FROM idempotency_keys) || '/' ||
               (SELECT group_concat(stage, '') FROM community_state)
        """);

    /// <summary>A client that sends a bearer token.</summary>
    public HttpClient CreateClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public ValueTask InitializeAsync()
    {
        _ = Server;   // builds the host: migrations, reference data and demo history
        return ValueTask.CompletedTask;
    }

    private bool PlaysTheSeededDemo() =>
        Settings.GetValueOrDefault("Demo:Enabled") == "true" && Settings.GetValueOrDefault("Demo:Seed", "2021") == "2021" && !Settings.ContainsKey("Assets:Scope");

    /// <summary>Puts a copy of the seeded Hubei demo store in the data folder (done before start for the Hubei demo settings).</summary>
    internal void CopySeededStore()
    {
        Directory.CreateDirectory(DataDirectory);
        if (File.Exists(DatabasePath))
        {
            return;
        }
        foreach (var file in Directory.GetFiles(s_seededStore.Value))
        {
            File.Copy(file, Path.Combine(DataDirectory, Path.GetFileName(file)));
        }
    }

    private static string SeedStore()
    {
        var seeding = new DashboardFactory { _keepData = true };
        _ = seeding.Server;   // migrations, reference data, the demo history and its credentials
        seeding.DisposeAsync().AsTask().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(seeding.DataDirectory);
        return seeding.DataDirectory;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        SqliteConnection.ClearAllPools();
        if (_keepData)
        {
            return;   // the seeded store, copied by every fixture (in the temp folder)
        }
        DeleteQuietly(DataDirectory);
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
