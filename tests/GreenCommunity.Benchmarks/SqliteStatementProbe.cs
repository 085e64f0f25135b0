using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using GreenCommunity.Data.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// SQLite's counterpart of pg_stat_statements for <see cref="WriteProfile"/>: a store that opens its inner store's
/// connections and has SQLite report each statement's time (sqlite3_profile: from its first step to its reset, in
/// nanoseconds). Opening a connection (the pool, and the store's PRAGMAs, which run before the probe is attached) is
/// timed apart. Each statement of a command is its own entry, as Microsoft.Data.Sqlite prepares them one by one.
/// </summary>
internal sealed class SqliteStatementProbe(SqliteStore inner) : StoreDatabase
{
    private readonly ConcurrentDictionary<string, Tally> _statements = new(StringComparer.Ordinal);
    private readonly Tally _opens = new();

    public override StoreEngine Engine => inner.Engine;

    public override string Location => inner.Location;

    public override string FilesDirectory => inner.FilesDirectory;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var connection = (SqliteConnection)await inner.OpenAsync(cancellationToken);
        _opens.Add(clock.Elapsed.Ticks * (1_000_000_000 / TimeSpan.TicksPerSecond));
        raw.sqlite3_profile(connection.Handle, (_, statement, nanoseconds) => _statements.GetOrAdd(statement, _ => new Tally()).Add(nanoseconds), null);
        return connection;
    }

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) => inner.BeginWriteAsync(connection, cancellationToken);

    public override Task PrepareAsync(CancellationToken cancellationToken) => inner.PrepareAsync(cancellationToken);

    /// <summary>Forgets what was measured so far (after the warm-up).</summary>
    public void Reset()
    {
        _statements.Clear();
        _opens.Clear();
    }

    /// <summary>Every statement seen since the reset, the costliest first, and the connection opens (calls, milliseconds in all).</summary>
    public IReadOnlyList<(string Statement, long Calls, double Ms)> Read() =>
        _statements.Select(s => (s.Key, s.Value.Calls, s.Value.Ms))
            .Append(("(opening a connection: a kept one, or the pool and PRAGMAs)", _opens.Calls, _opens.Ms))
            .OrderByDescending(s => s.Item3).ToList();

    private sealed class Tally
    {
        private long _calls;
        private long _nanoseconds;

        public long Calls => Interlocked.Read(ref _calls);

        public double Ms => Interlocked.Read(ref _nanoseconds) / 1e6;

        public void Add(long nanoseconds)
        {
            Interlocked.Increment(ref _calls);
            Interlocked.Add(ref _nanoseconds, nanoseconds);
        }

        public void Clear()
        {
            Interlocked.Exchange(ref _calls, 0);
            Interlocked.Exchange(ref _nanoseconds, 0);
        }
    }
}
