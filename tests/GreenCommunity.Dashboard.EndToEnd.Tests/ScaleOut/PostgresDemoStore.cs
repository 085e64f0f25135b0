using GreenCommunity.Data.Tests.Shared;

namespace GreenCommunity.Dashboard.EndToEnd.Tests.ScaleOut;

/// <summary>
/// One PostgreSQL database with the demo history, made once per run by a first start of the app (playing the history
/// takes minutes there), for the tests that run the app on PostgreSQL. Each test gets its own data folder holding a copy
/// of the demo credentials the first start wrote; the database outlives the tests until the server stops.
/// </summary>
internal static class PostgresDemoStore
{
    private static readonly Lazy<Task<(string ConnectionString, string Credentials)>> s_seeded = new(SeedAsync);

    /// <summary>The database's connection string; the demo credentials are copied into <paramref name="dataDirectory"/>.</summary>
    public static async Task<string> PrepareAsync(string dataDirectory)
    {
        var (connectionString, credentials) = await s_seeded.Value;
        Directory.CreateDirectory(dataDirectory);
        File.Copy(credentials, Path.Combine(dataDirectory, Path.GetFileName(credentials)), overwrite: true);
        return connectionString;
    }

    public static Dictionary<string, string> Settings(string connectionString) =>
        new() { ["Storage__Provider"] = "Postgres", ["ConnectionStrings__Postgres"] = connectionString };

    private static async Task<(string, string)> SeedAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync(CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("gc-e2e-pg-").FullName;
        await using (var first = await AppProcess.StartAsync(folder, CancellationToken.None, settings: Settings(connectionString),
            startTimeout: TimeSpan.FromMinutes(6)))
        {
            if (!first.Output.Contains("Database: Postgres", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The app did not say it runs on PostgreSQL:\n" + first.Output);
            }
        }
        return (connectionString, Path.Combine(folder, "demo-credentials.json"));
    }
}
