using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GreenCommunity.Dashboard.EndToEnd.Tests;

/// <summary>The dashboard as a user runs it: its own process, a real socket, a data directory of its own.</summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private AppProcess(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>
    /// Starts the built app on 127.0.0.1 with a free port (or at <paramref name="address"/>, a restart's) and waits until it
    /// listens; <paramref name="settings"/> are more environment variables (a store on PostgreSQL, a Redis backplane).
    /// </summary>
    public static async Task<AppProcess> StartAsync(string dataDirectory, CancellationToken cancellationToken, Uri? address = null,
        IReadOnlyDictionary<string, string>? settings = null, TimeSpan? startTimeout = null)
    {
        var dll = Path.Combine(AppBuildDirectory(), "GreenCommunity.Dashboard.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", address?.GetLeftPart(UriPartial.Authority) ?? "http://127.0.0.1:0" },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["Storage__DataDirectory"] = dataDirectory;
        info.Environment["Demo__LiveFeedSeconds"] = "0";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new AppProcess(process, dataDirectory);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }
            lock (app._output)
            {
                app._output.Add(e.Data);
            }
            if (ListeningLine().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }
        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(startTimeout ?? TimeSpan.FromSeconds(90));
        try
        {
            app.BaseAddress = await listening.Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await app.DisposeAsync();
            throw new TimeoutException("The app did not start listening:\n" + app.Output);
        }
        return app;
    }

    /// <summary>A demo account's password from the credentials file.</summary>
    public string Password(string user)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDirectory, "demo-credentials.json")));
        return document.RootElement.GetProperty("accounts").EnumerateArray()
            .Single(a => a.GetProperty("user").GetString() == user).GetProperty("password").GetString()!;
    }

    /// <summary>The demo tokens the app wrote on first start.</summary>
    public (string Province, IReadOnlyDictionary<string, string> Localities) Tokens()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDirectory, "demo-credentials.json")));
        var root = document.RootElement;
        return (root.GetProperty("province").GetString()!,
            root.GetProperty("localities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL: no shutdown, no flush, as a power cut or an OOM kill would do.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>src/GreenCommunity.Dashboard/bin/&lt;configuration&gt;/net10.0 of the same build as these tests.</summary>
    private static string AppBuildDirectory()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);   // tests/X/bin/<configuration>/net10.0/
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "GreenCommunity.Dashboard.sln")))
        {
            root = root.Parent;
        }
        return Path.Combine(root?.FullName ?? throw new DirectoryNotFoundException("The solution folder was not found."),
            "src", "GreenCommunity.Dashboard", "bin", configuration, framework);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
