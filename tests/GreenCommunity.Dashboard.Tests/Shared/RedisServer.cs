using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GreenCommunity.Dashboard.Tests.Shared;

/// <summary>
/// A Redis for the scale-out tests: the one <c>GC_TEST_REDIS</c> names (a connection string) when set, else Debian's
/// <c>redis-server</c> started on 127.0.0.1 on a free port, without persistence, in a temporary folder, and stopped
/// with the fixture. Where neither is available the tests fail saying what to install: they never skip silently.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public const string Variable = "GC_TEST_REDIS";

    private static readonly string[] s_candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    private Process? _process;
    private string? _directory;

    /// <summary>host:port (and options) for <c>ConnectionStrings:Redis</c>.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Whether this fixture runs the server itself (so a test may stop and restart it).</summary>
    public bool IsOwnProcess => _process is not null;

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            ConnectionString = configured;
            return;
        }
        await StartOwnAsync();
    }

    /// <summary>A server of its own, whatever <c>GC_TEST_REDIS</c> says: for a test that stops it.</summary>
    public static async Task<RedisServer> StartOwnServerAsync()
    {
        var server = new RedisServer();
        await server.StartOwnAsync();
        return server;
    }

    private async Task StartOwnAsync()
    {
        var executable = s_candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            $"redis-server is not installed: install Debian's package (apt-get install -y redis-server; .ci/run does so when CI=true), or set {Variable} to a Redis connection string (host:port).");
        _directory = Directory.CreateTempSubdirectory("gc-redis-").FullName;
        // A free port can be taken between asking and binding: a server that exits at once gets another port.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var process = Start(executable, port, _directory);
            if (await WaitUntilReadyAsync(process) is not { } failure)
            {
                _process = process;
                ConnectionString = $"127.0.0.1:{port}";
                return;
            }
            process.Dispose();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"redis-server did not start on 127.0.0.1: {failure}");
            }
        }
    }

    /// <summary>Ends the server now (its clients see the connection drop), as a crash or a restart of Redis would.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }

    private static Process Start(string executable, int port, string directory)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", directory, "--save", "", "--appendonly", "no", "--daemonize", "no" })
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start) ?? throw new InvalidOperationException($"{executable} could not be started.");
    }

    /// <summary>Null once the server says it accepts connections; else what it printed before it exited or went quiet.</summary>
    private static async Task<string?> WaitUntilReadyAsync(Process process)
    {
        var output = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.AppendLine(line);
                if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
                {
                    _ = DrainAsync(process.StandardOutput);   // a full pipe would block the server
                    _ = DrainAsync(process.StandardError);
                    return null;
                }
            }
        }
        catch (OperationCanceledException)
        {
            output.AppendLine("(not ready within 20 s)");
        }
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        return output.Append(await process.StandardError.ReadToEndAsync(CancellationToken.None)).ToString();
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        try
        {
            while (await reader.ReadAsync(buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
            // The server was stopped.
        }
        catch (ObjectDisposedException)
        {
            // The server was stopped.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
