using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace GreenCommunity.Dashboard.Tests.ScaleOut;

/// <summary>A test's own look into a Redis: what a key holds, and a pause of the server (SIGSTOP) that keeps its connections open.</summary>
public sealed class RedisProbe : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _connection;

    private RedisProbe(ConnectionMultiplexer connection) => _connection = connection;

    public static async Task<RedisProbe> ConnectAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AllowAdmin = true;   // INFO, for the server's process id
        return new RedisProbe(await ConnectionMultiplexer.ConnectAsync(options));
    }

    /// <summary>The keys that start with <paramref name="prefix"/>, with their value and the milliseconds they have left.</summary>
    public async Task<IReadOnlyList<(string Key, long Value, long MillisecondsLeft)>> KeysAsync(string prefix)
    {
        var server = _connection.GetServers().Single();
        var database = _connection.GetDatabase();
        var keys = new List<(string, long, long)>();
        await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
        {
            var left = await database.KeyTimeToLiveAsync(key);
            keys.Add((key.ToString(), (long)await database.StringGetAsync(key), (long)(left?.TotalMilliseconds ?? -1)));
        }
        return keys;
    }

    /// <summary>
    /// Stops the server process (SIGSTOP) until the returned handle is disposed (SIGCONT): its sockets stay open and
    /// nothing answers, as with a Redis that hangs or a network that drops packets.
    /// </summary>
    public async Task<IAsyncDisposable> PauseServerAsync()
    {
        var info = await _connection.GetServers().Single().InfoAsync("server");
        var pid = int.Parse(info.SelectMany(g => g).Single(p => p.Key == "process_id").Value, CultureInfo.InvariantCulture);
        await SignalAsync("-STOP", pid);
        return new Resume(pid);
    }

    private static async Task SignalAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", [signal, pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private sealed class Resume(int pid) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await SignalAsync("-CONT", pid);
    }
}
