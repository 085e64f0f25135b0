using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GreenCommunity.LoadTests;

/// <summary>Where things are: the repository, the apps' dlls, the seeded data directory, the run folders.</summary>
internal sealed class Setup
{
    private Setup(string repositoryRoot, string dashboardDll, string bareHubDll, string counterDll, string chromium, string workRoot)
    {
        RepositoryRoot = repositoryRoot;
        DashboardDll = dashboardDll;
        BareHubDll = bareHubDll;
        CounterDll = counterDll;
        Chromium = chromium;
        WorkRoot = workRoot;
    }

    public string RepositoryRoot { get; }

    public string DashboardDll { get; }

    public string BareHubDll { get; }

    public string CounterDll { get; }

    public string Chromium { get; }

    /// <summary>Seeded data directory and per-run copies live here.</summary>
    public string WorkRoot { get; }

    public static Setup From(Cli cli)
    {
        var root = FindRepositoryRoot();
        string Default(string project, string dll) => Path.Combine(root, "tests", "Baselines", project, "bin", "Release", "net10.0", dll);
        return new Setup(
            root,
            Path.GetFullPath(cli.String("app", Path.Combine(root, "src", "GreenCommunity.Dashboard", "bin", "Release", "net10.0", "GreenCommunity.Dashboard.dll"))),
            Path.GetFullPath(cli.String("bare-hub", Default("BareHub", "BareHub.dll"))),
            Path.GetFullPath(cli.String("counter-app", Default("BlazorCounter", "BlazorCounter.dll"))),
            cli.String("chromium", "/usr/bin/chromium"),
            Path.GetFullPath(cli.String("work-dir", Path.Combine(Path.GetTempPath(), "greencommunity-load"))));
    }

    /// <summary>The folder holding GreenCommunity.Dashboard.sln, from the current directory or the tool's own.</summary>
    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "GreenCommunity.Dashboard.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new DirectoryNotFoundException("Run the tool inside the repository (GreenCommunity.Dashboard.sln was not found).");
    }

    /// <summary>
    /// A data directory seeded once per dashboard build (the demo history takes ~6–10 s): keyed by the dll's path and
    /// time stamp, so that a rebuild (perhaps with a new schema) seeds again.
    /// </summary>
    public async Task<string> SeedAsync(TextWriter log)
    {
        var stamp = $"{DashboardDll}|{File.GetLastWriteTimeUtc(DashboardDll):O}";
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stamp)))[..12];
        var seed = Path.Combine(WorkRoot, "seed-" + key);
        if (File.Exists(Path.Combine(seed, "demo-credentials.json")) && File.Exists(Path.Combine(seed, ".complete")))
        {
            return seed;
        }
        if (Directory.Exists(seed))
        {
            Directory.Delete(seed, recursive: true);
        }
        Directory.CreateDirectory(seed);
        await log.WriteLineAsync($"Seeding {seed} with {DashboardDll} (first start creates the demo history)…");
        var app = await ChildApp.StartAsync("dashboard (seeding)", DashboardDll, DashboardEnvironment(seed), TimeSpan.FromMinutes(3));
        await using (app)
        {
            await app.StopAsync();
        }
        await File.WriteAllTextAsync(Path.Combine(seed, ".complete"), stamp);
        return seed;
    }

    /// <summary>A fresh copy of the seeded data directory for one run.</summary>
    public string CopySeed(string seed, string runName)
    {
        var target = Path.Combine(WorkRoot, "runs", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{runName}-{Guid.NewGuid().ToString("N")[..6]}");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(seed))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        return target;
    }

    public static Dictionary<string, string> DashboardEnvironment(string dataDirectory) => new()
    {
        ["Storage__DataDirectory"] = dataDirectory,
        ["Demo__LiveFeedSeconds"] = "0",
    };

    /// <summary>Removes a run's data copy (they are ~25 MB each).</summary>
    public static void Discard(string runDirectory)
    {
        try
        {
            Directory.Delete(runDirectory, recursive: true);
        }
        catch (IOException)
        {
            // left behind: harmless, under the work folder
        }
    }
}

/// <summary>demo-credentials.json as the dashboard writes it on first start (<paramref name="Display"/>: null in builds before display tokens).</summary>
internal sealed record Credentials(string Province, IReadOnlyDictionary<string, string> Localities, IReadOnlyDictionary<string, string> Passwords, string? Display)
{
    public static Credentials Read(string dataDirectory)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(dataDirectory, "demo-credentials.json")));
        var root = document.RootElement;
        return new Credentials(
            root.GetProperty("province").GetString()!,
            root.GetProperty("localities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            root.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("user").GetString()!, a => a.GetProperty("password").GetString()!),
            root.TryGetProperty("display", out var display) ? display.GetString() : null);
    }
}
