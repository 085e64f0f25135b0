using System.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GreenCommunity.Data.Storage;

/// <summary>
/// A SQLite connection that outlives its users and keeps each command text's compiled statements for the next command of
/// the same text. Microsoft.Data.Sqlite compiles a command's statements again for every new command, and Dapper makes a
/// new command for every call: for the report writer's two dozen statements that was 0.5-0.6 ms of a 3.7 ms report
/// (docs/PERFORMANCE.md, seventh round). Disposing it hands it back to its <see cref="SqliteStore"/> while it is
/// clean (open, no transaction left); otherwise, or when the store already keeps one, it closes for good.
/// </summary>
internal sealed class StatementKeepingSqliteConnection(string connectionString, Func<StatementKeepingSqliteConnection, bool> keep)
    : SqliteConnection(connectionString)
{
    // Beyond this many texts a new one runs uncached: a text that varies with its data must not grow the set without end.
    internal const int MaxKeptTexts = 64;

    private readonly Dictionary<string, SqliteCommand> _kept = new(StringComparer.Ordinal);

    /// <summary>How many command texts had their statements compiled here (each once while it stays kept): for tests.</summary>
    internal int Compilations { get; private set; }

    public override SqliteCommand CreateCommand() => new KeptStatementCommand(this)
    {
        CommandTimeout = DefaultTimeout,
        Transaction = Transaction,
    };

    /// <summary>Clean enough for the next writer: open, and no transaction left behind (SQLite's own autocommit, not just the object's).</summary>
    internal bool IsReusable => State == ConnectionState.Open && Transaction is null && raw.sqlite3_get_autocommit(Handle) != 0;

    public override void Close()
    {
        // Closing disposes every command of the connection, the kept ones too; they must not be found again.
        _kept.Clear();
        base.Close();
    }

    // DisposeAsync comes here too (DbConnection's calls Dispose).
    protected override void Dispose(bool disposing)
    {
        if (disposing && IsReusable && keep(this))
        {
            return;
        }
        base.Dispose(disposing);
    }

    /// <summary>Closes it whatever its state: its store no longer keeps it.</summary>
    internal void CloseForGood() => base.Dispose(true);

    /// <summary>The command kept for <paramref name="text"/>, compiled on its first use; null when no more texts are kept.</summary>
    private SqliteCommand? KeptFor(string text)
    {
        if (_kept.TryGetValue(text, out var command))
        {
            return command;
        }
        if (_kept.Count >= MaxKeptTexts)
        {
            return null;
        }
        command = new SqliteCommand(text, this);
        // All its statements at once: a reader closed before its last statement would leave them to be compiled again.
        command.Prepare();
        Compilations++;
        _kept.Add(text, command);
        return command;
    }

    /// <summary>
    /// The command Dapper gets: it runs as the kept command of its text, with its own parameters and transaction. Every
    /// way of executing a SqliteCommand (reader, non-query, scalar, async) comes through <see cref="ExecuteReader(CommandBehavior)"/>.
    /// </summary>
    private sealed class KeptStatementCommand(StatementKeepingSqliteConnection owner) : SqliteCommand(null, owner)
    {
        public override SqliteDataReader ExecuteReader(CommandBehavior behavior)
        {
            if (owner.KeptFor(CommandText) is not { } kept)
            {
                return base.ExecuteReader(behavior);
            }
            kept.Transaction = Transaction;
            kept.CommandTimeout = CommandTimeout;
            kept.Parameters.Clear();   // the last use's, left until now: its reader bound them statement by statement
            foreach (SqliteParameter parameter in Parameters)
            {
                kept.Parameters.Add(parameter);
            }
            return kept.ExecuteReader(behavior);
        }
    }
}
