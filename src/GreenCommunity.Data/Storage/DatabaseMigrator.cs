using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;

namespace GreenCommunity.Data.Storage;

/// <summary>
/// Applies the numbered SQL scripts embedded under Migrations/&lt;engine&gt;/ in order, each in its own transaction,
/// and records them in a journal so each runs once. Both engines have a script of each name, ending in the same schema.
/// Puts a SQLite database in WAL mode; on PostgreSQL it holds the write lock, so servers that start together migrate once.
/// </summary>
public sealed class DatabaseMigrator(StoreDatabase database)
{
    private const string ResourcePrefix = "GreenCommunity.Data.Migrations.";

    private const string SqliteJournalSql = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);
        """;

    private const string PostgresJournalSql = "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)";

    /// <summary>Days and instants are stored as ISO text and compared as text: only the C collation orders them by byte.</summary>
    private const string PostgresCollationSql = "SELECT datcollate FROM pg_database WHERE datname = current_database()";

    public static IReadOnlyList<string> ScriptNames { get; } = ScriptsOf(StoreEngine.Sqlite);

    public static IReadOnlyList<string> ScriptsOf(StoreEngine engine) => typeof(DatabaseMigrator).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix(engine), StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
        .Select(n => n[Prefix(engine).Length..])
        .Order(StringComparer.Ordinal)
        .ToList();

    private static string Prefix(StoreEngine engine) => ResourcePrefix + engine + ".";

    /// <summary>Applies what is missing; returns the names of the scripts applied now.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await database.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (database.Engine == StoreEngine.Postgres)
        {
            await RequireByteOrderAsync(connection, cancellationToken).ConfigureAwait(false);
            await RequireVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        await connection.ExecuteAsync(new CommandDefinition(
            database.Engine == StoreEngine.Postgres ? PostgresJournalSql : SqliteJournalSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var applied = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM schema_migrations", cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);

        var appliedNow = new List<string>();
        foreach (var name in ScriptsOf(database.Engine).Where(n => !applied.Contains(n)))
        {
            await using var transaction = await database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM schema_migrations WHERE name = @name", new { name },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0)
            {
                continue;   // another server applied it while this one waited for the lock
            }
            await connection.ExecuteAsync(new CommandDefinition(ReadScript(database.Engine, name), transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            // Text by hand: applied_at has always been the round-trip form ("O"), not the handlers' instant format.
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (@name, @appliedAt)",
                new { name, appliedAt = DateTimeOffset.UtcNow.ToString("O") }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            appliedNow.Add(name);
        }
        return appliedNow;
    }

    /// <summary>The oldest PostgreSQL the intake runs on: a large report's present criteria are written by MERGE (15).</summary>
    public const int OldestPostgres = 150000;

    /// <summary>Why a PostgreSQL server of <paramref name="versionNumber"/> (<c>server_version_num</c>; <paramref name="shown"/> as it names itself) cannot hold the store, or null.</summary>
    public static string? VersionProblem(int versionNumber, string shown) => versionNumber >= OldestPostgres
        ? null
        : $"The PostgreSQL server is version {shown}; the dashboard needs {OldestPostgres / 10000} or later.";

    private static async Task RequireVersionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var version = await connection.QuerySingleAsync<(string Number, string Shown)>(new CommandDefinition(
            "SELECT current_setting('server_version_num'), current_setting('server_version')", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (VersionProblem(int.Parse(version.Number, CultureInfo.InvariantCulture), version.Shown) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    private static async Task RequireByteOrderAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var collation = await connection.ExecuteScalarAsync<string>(new CommandDefinition(PostgresCollationSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (collation is not ("C" or "POSIX" or "C.UTF-8" or "C.utf8"))
        {
            throw new InvalidOperationException(
                $"The PostgreSQL database uses the collation '{collation}'; the dashboard needs 'C' (dates are compared as text). "
                + "Create it with: CREATE DATABASE <name> TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        }
    }

    private static string ReadScript(StoreEngine engine, string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix(engine) + name)
            ?? throw new InvalidOperationException($"Migration {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
