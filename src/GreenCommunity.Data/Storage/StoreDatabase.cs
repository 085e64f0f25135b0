using System.Data.Common;

namespace GreenCommunity.Data.Storage;

/// <summary>
/// The store the Data project's queries run on, whichever engine holds it. Queries and commands are the same Dapper
/// calls on both; where the dialects differ a query picks its text with <see cref="StoreSql.For"/>. The two kinds of
/// transaction are the engine's business: a snapshot that blocks no writer, and a write that is the only one at a time
/// (every server of a deployment, since each read-check-write of the intake relies on it).
/// </summary>
public abstract class StoreDatabase
{
    static StoreDatabase() => DapperTypeHandlers.Register();

    public abstract StoreEngine Engine { get; }

    /// <summary>Where the data is, for logs: a file's path or a server and database, never a password.</summary>
    public abstract string Location { get; }

    /// <summary>The folder for files kept beside the data (the demo credentials).</summary>
    public abstract string FilesDirectory { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A write transaction that holds the store's one write lock from its start to its end.</summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// A write transaction whose caller takes the write lock itself: the first statement of its first command must be
    /// <see cref="WriteLockStatement"/> (on PostgreSQL one round trip fewer than <see cref="BeginWriteAsync"/>, where the
    /// lock is a command of its own). Where beginning takes the lock (SQLite's BEGIN IMMEDIATE) the statement is empty.
    /// </summary>
    public virtual Task<DbTransaction> BeginWriteLockedByCallerAsync(DbConnection connection, CancellationToken cancellationToken) =>
        BeginWriteAsync(connection, cancellationToken);

    /// <summary>The statement, with its terminator, that takes the write lock in <see cref="BeginWriteLockedByCallerAsync"/>'s transaction; empty where beginning took it.</summary>
    public virtual string WriteLockStatement => "";

    /// <summary>Makes the place the data lives ready for the migrations (a folder; a server needs nothing).</summary>
    public abstract Task PrepareAsync(CancellationToken cancellationToken);
}
