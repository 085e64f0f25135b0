using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GreenCommunity.LoadTests;

/// <summary>
/// The PostgreSQL and the Redis two dashboard servers share: the ones the options name, or Debian's <c>postgres</c>
/// (as the postgres user, fsync on) and <c>redis-server</c> (no persistence) started on free loopback ports in a
/// temporary folder and stopped at the end, as the scale-out tests' fixtures do.
/// </summary>
internal sealed class ScaleOutServices : IAsyncDisposable
{
    private static readonly string[] s_redisCandidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    private readonly List<Func<Task>> _stops = [];

    private ScaleOutServices()
    {
    }

    /// <summary>Npgsql connection string of an empty database created with LC_COLLATE 'C'.</summary>
    public string Postgres { get; private set; } = "";

    /// <summary>host:port for ConnectionStrings:Redis.</summary>
    public string Redis { get; private set; } = "";

    public string Description { get; private set; } = "";

    public static async Task<ScaleOutServices> StartAsync(string? postgres, string? redis, string workRoot, TextWriter log)
    {
        var services = new ScaleOutServices();
        try
        {
            var folder = Path.Combine(workRoot, "scale-out-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]);
            Directory.CreateDirectory(folder);
            services._stops.Add(() =>
            {
                Setup.Discard(folder);
                return Task.CompletedTask;
            });
            services.Postgres = postgres ?? await services.StartPostgresAsync(folder, log);
            services.Redis = redis ?? await services.StartRedisAsync(folder, log);
            services.Description = $"PostgreSQL {(postgres is null ? "started for the run (Debian's, fsync on)" : "given by --postgres")}, "
                + $"Redis {(redis is null ? "started for the run (redis-server, no persistence)" : "given by --redis")}";
            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    private async Task<string> StartPostgresAsync(string folder, TextWriter log)
    {
        var root = "/usr/lib/postgresql";
        var bin = (Directory.Exists(root) ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault() : null)
            ?? throw new InvalidOperationException("No PostgreSQL: pass --postgres <connection string of an empty database with LC_COLLATE 'C'>, or apt-get install postgresql.");
        var pg = Path.Combine(folder, "pg");
        var data = Path.Combine(pg, "data");
        Directory.CreateDirectory(pg);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres:postgres", pg], asPostgres: false);   // PostgreSQL refuses to run as root
        }
        var port = FreePort();
        await log.WriteLineAsync($"  starting PostgreSQL on 127.0.0.1:{port}");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "--locale=C", "-E", "UTF8", "--auth=trust", "-U", "postgres"], asRoot);
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(pg, "server.log"), "-w", "start",
            "-o", $"-p {port} -k {pg} -c listen_addresses=127.0.0.1 -c max_connections=300"], asRoot);
        _stops.Insert(0, () => RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], asRoot));
        await RunAsync(Path.Combine(bin, "createdb"), ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-U", "postgres",
            "-T", "template0", "-E", "UTF8", "--lc-collate=C", "--lc-ctype=C", "greencommunity"], asRoot);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=greencommunity";
    }

    private async Task<string> StartRedisAsync(string folder, TextWriter log)
    {
        var executable = s_redisCandidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("No redis-server: pass --redis host:port, or apt-get install redis-server.");
        var port = FreePort();
        var redisDir = Path.Combine(folder, "redis");
        Directory.CreateDirectory(redisDir);
        await log.WriteLineAsync($"  starting Redis on 127.0.0.1:{port}");
        var process = Process.Start(new ProcessStartInfo(executable)
        {
            ArgumentList = { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", redisDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _stops.Insert(0, async () =>
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
            process.Dispose();
        });
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return $"127.0.0.1:{port}";
            }
            catch (SocketException)
            {
                if (process.HasExited)
                {
                    break;
                }
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException($"redis-server did not listen on 127.0.0.1:{port}.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var stop in _stops)
        {
            try
            {
                await stop();
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"  stopping: {e.Message}");
            }
        }
        _stops.Clear();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres)
        {
            foreach (var part in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(part);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
