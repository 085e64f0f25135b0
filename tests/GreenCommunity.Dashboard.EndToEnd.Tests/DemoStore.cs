using GreenCommunity.Data.Storage;
using Microsoft.Data.Sqlite;

namespace GreenCommunity.Dashboard.EndToEnd.Tests;

/// <summary>
/// The app's data folder after its first start in demo mode (the SQLite store with the demo history, the demo
/// credentials), made once per run by a first start of the built app and copied into each test's own folder: playing the
/// history was most of every test's time. A copy is a store the app then opens as existing, as on any later start.
/// </summary>
internal static class DemoStore
{
    private static readonly Lazy<Task<string>> s_seeded = new(SeedAsync);

    /// <summary>Copies the demo data folder into <paramref name="dataDirectory"/> (made if missing).</summary>
    public static async Task CopyToAsync(string dataDirectory)
    {
        var seeded = await s_seeded.Value;
        CopyDirectory(seeded, dataDirectory);
    }

    private static async Task<string> SeedAsync()
    {
        var folder = Directory.CreateTempSubdirectory("gc-e2e-seed-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(folder);
        await using (var first = await AppProcess.StartAsync(folder, CancellationToken.None, startTimeout: TimeSpan.FromMinutes(6)))
        {
            if (!File.Exists(Path.Combine(folder, "demo-credentials.json")) || first.Output.Contains("demo reports 0", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The first start did not play the demo:\n" + first.Output);
            }
            await first.KillAsync();
        }
        // Everything the killed process committed into the database file itself (recovered from its write-ahead log), so
        // that a copy is one file and no copy depends on another's log.
        var database = Path.Combine(folder, SqliteStore.DatabaseFileName);
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }
        foreach (var side in new[] { "-wal", "-shm" })
        {
            File.Delete(database + side);   // empty after the checkpoint; the app makes its own
        }
        return folder;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
