using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.ScaleOut;

/// <summary>
/// Two servers as deployed: one PostgreSQL database (created for the fixture, dropped after it) and one Redis of their
/// own, each server with its own data folder. The store holds the reference data only (no demo history, which takes
/// minutes to play on PostgreSQL); A writes the demo tokens and accounts into it, and B gets a copy of the file that names them.
/// </summary>
public sealed class PostgresServers : IAsyncLifetime
{
    private PostgresServer? _postgres;
    private string? _database;

    public RedisServer Redis { get; private set; } = null!;

    public ScaleOutFactory A { get; private set; } = null!;

    public ScaleOutFactory B { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _postgres = await PostgresServer.SharedAsync();
        _database = await _postgres.CreateDatabaseAsync(CancellationToken.None);
        Redis = await RedisServer.StartOwnServerAsync();
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = _database,
            ["Demo:Enabled"] = "false",
        };
        A = await ScaleOutFactory.StartAsync(Redis.ConnectionString, settings);   // migrates and loads the reference data
        var credentials = await A.Services.GetRequiredService<DemoCredentials>().CreateAsync(CancellationToken.None);
        B = await ScaleOutFactory.StartAsync(Redis.ConnectionString, settings);
        File.Copy(credentials, Path.Combine(B.DataDirectory, DemoCredentials.FileName));
    }

    /// <summary>Row counts of everything a report writes (PostgreSQL's spelling of <see cref="DashboardFactory.FingerprintAsync"/>).</summary>
    public Task<string> FingerprintAsync() => A.ScalarAsync<string>(
        """
        SELECT (SELECT COUNT(*) FROM reports)::text || '/' || (SELECT COUNT(*) FROM stage_events)::text || '/' ||
               (SELECT COUNT(*) FROM criterion_assessments)::text || '/' || (SELECT COUNT(*) FROM idempotency_keys)::text || '/' ||
               (SELECT string_agg(stage::text, '' ORDER BY community_code) FROM community_state)
        """);

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
        if (_postgres is not null && _database is not null)
        {
            await _postgres.DropDatabaseAsync(_database);
        }
    }
}
