using System.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GreenCommunity.Data.Storage;

/// <summary>
/// A SQLite connection that outlives its users and keeps each command text's compiled statements for the next command of
/// the same text. Microsoft.Data.Sqlite compiles a command's statements again for every new command, and Dapper makes a
/// new command for every call: for the report writer that was 0.5-0.6 ms of a 3.7 ms report (docs/PERFORMANCE.md,
/// seventh round). Disposing it hands it back to its <see cref="SqliteStore"/> while it is clean (<see cref="IsReusable"/>);
/// otherwise, or when the store keeps enough, it closes for good.
/// </summary>
internal sealed class StatementKeepingSqliteConnection(string connectionString, Func<StatementKeepingSqliteConnection, bool> keep)
    : SqliteConnection(connectionString)
{
    /// <summary>How many command texts stay compiled; the least recently used goes first.</summary>
    internal const int MaxKeptTexts = 64;

    /// <summary>
    /// A text or blob parameter longer than this runs on statements of its own, compiled for the call and finalized after
    /// it: SQLite keeps a copy of each bound value in its statement until the next binding, and a large report's lists
    /// (megabytes) must not stay held by a kept statement.
    /// </summary>
    internal const int MaxKeptParameterLength = 64 * 1024;

    private readonly Dictionary<string, (SqliteCommand Command, long LastUse)> _kept = new(StringComparer.Ordinal);
    private readonly HashSet<SqliteCommand> _running = [];   // kept commands whose caller has not disposed its command yet
    private long _uses;
    private int _undisposedCommands;   // commands that ran here, kept or not, and are not disposed yet

    /// <summary>How many times a command text was taken in to be kept: for tests.</summary>
    internal int Compilations { get; private set; }

    internal int KeptTexts => _kept.Count;

    public override SqliteCommand CreateCommand() => new KeptStatementCommand(this)
    {
        CommandTimeout = DefaultTimeout,
        Transaction = Transaction,
    };

    /// <summary>
    /// Clean enough for the next user: open, no transaction left behind (SQLite's own autocommit, not just the object's),
    /// and every command that ran here disposed (a reader never disposed would hold its snapshot, and the log with it).
    /// </summary>
    internal bool IsReusable => State == ConnectionState.Open && Transaction is null && raw.sqlite3_get_autocommit(Handle) != 0 && _undisposedCommands == 0;

    public override void Close()
    {
        // Closing disposes every command of the connection, the kept ones too; they must not be found again. (The callers'
        // commands it disposes count themselves out of _undisposedCommands.)
        _kept.Clear();
        _running.Clear();
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

    /// <summary>
    /// The command kept for <paramref name="text"/>, compiled on its first use and marked running until <see cref="Release"/>;
    /// null while it runs for another caller (a reader still open), who keeps it.
    /// </summary>
    private SqliteCommand? Take(string text)
    {
        var use = ++_uses;
        if (_kept.TryGetValue(text, out var kept))
        {
            if (!_running.Add(kept.Command))
            {
                return null;
            }
            _kept[text] = (kept.Command, use);
            return kept.Command;
        }
        if (_kept.Count >= MaxKeptTexts)
        {
            if (_kept.Where(k => !_running.Contains(k.Value.Command)).OrderBy(k => k.Value.LastUse).Select(k => k.Key).FirstOrDefault() is not { } oldest)
            {
                return null;
            }
            _kept.Remove(oldest, out var evicted);
            evicted.Command.Dispose();
        }
        // Compiled as it runs, statement by statement (a script may create a table its next statement uses); kept compiled
        // once a run has gone through all its statements, as every reader's disposal makes it.
        var compiled = new SqliteCommand(text, this);
        Compilations++;
        _kept.Add(text, (compiled, use));
        _running.Add(compiled);
        return compiled;
    }

    /// <summary>Its caller is done with it (its reader is closed): it lets go of that call's values and may serve the next.</summary>
    private void Release(SqliteCommand command)
    {
        command.Parameters.Clear();
        _running.Remove(command);
    }

    /// <summary>
    /// The command Dapper gets: it runs as the kept command of its text, with its own parameters and transaction. Every
    /// way of executing a SqliteCommand (reader, non-query, scalar, async) comes through <see cref="ExecuteReader(CommandBehavior)"/>.
    /// </summary>
    private sealed class KeptStatementCommand(StatementKeepingSqliteConnection owner) : SqliteCommand(null, owner)
    {
        private SqliteCommand? _ran;   // the kept command it runs as, until disposed
        private List<(SqliteParameter Parameter, string Name)>? _renamed;   // parameters named as the text writes them, and their own names
        private bool _counted;

        public override SqliteDataReader ExecuteReader(CommandBehavior behavior)
        {
            if (!_counted)
            {
                _counted = true;
                owner._undisposedCommands++;
            }
            Restore();   // the last call's parameters, as their caller named them (Dapper's list of arguments makes new ones each time)
            if (Parameters.Cast<SqliteParameter>().Any(IsLarge))
            {
                return base.ExecuteReader(behavior);
            }
            if (_ran is { } ran && !string.Equals(ran.CommandText, CommandText, StringComparison.Ordinal))
            {
                owner.Release(ran);   // its text changed since it last ran
                _ran = null;
            }
            // Run again (Dapper's list of arguments), the same kept command serves.
            if ((_ran ?? owner.Take(CommandText)) is not { } kept)
            {
                return base.ExecuteReader(behavior);
            }
            _ran = kept;
            kept.Transaction = Transaction;
            kept.CommandTimeout = CommandTimeout;
            kept.Parameters.Clear();
            foreach (SqliteParameter parameter in Parameters)
            {
                NameAsWritten(parameter);
                kept.Parameters.Add(parameter);
            }
            return kept.ExecuteReader(behavior);
        }

        // Dapper names its parameters without the @ the SQL writes, and Microsoft.Data.Sqlite then looks each one up in
        // each statement four times (as given, then with each of @, $ and :, to refuse an ambiguous name), a UTF-8 copy
        // each time (0.17 ms a report in a sampled trace, which slows it). Named as the text writes it, one lookup finds it.
        // The names go back when the command runs again or is disposed (Restore), so the caller's parameters read as it made them.
        private void NameAsWritten(SqliteParameter parameter)
        {
            var name = parameter.ParameterName;
            if (name.Length == 0 || name[0] is '@' or '$' or ':')
            {
                return;
            }
            var written = "@" + name;
            if (CommandText.Contains(written, StringComparison.Ordinal))
            {
                parameter.ParameterName = written;
                (_renamed ??= []).Add((parameter, name));
            }
        }

        private void Restore()
        {
            if (_renamed is null)
            {
                return;
            }
            foreach (var (parameter, name) in _renamed)
            {
                parameter.ParameterName = name;
            }
            _renamed.Clear();
        }

        protected override void Dispose(bool disposing)
        {
            // Its reader is done by now (Dapper disposes the reader first).
            if (_ran is not null)
            {
                owner.Release(_ran);
                _ran = null;
            }
            Restore();
            if (_counted)
            {
                _counted = false;
                owner._undisposedCommands--;
            }
            base.Dispose(disposing);
        }

        private static bool IsLarge(SqliteParameter parameter) => parameter.Value switch
        {
            string text => text.Length > MaxKeptParameterLength,
            byte[] bytes => bytes.Length > MaxKeptParameterLength,
            _ => false,
        };
    }
}
