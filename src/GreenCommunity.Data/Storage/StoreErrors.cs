using Microsoft.Data.Sqlite;
using Npgsql;

namespace GreenCommunity.Data.Storage;

/// <summary>What an engine's error means to the caller, whichever engine raised it.</summary>
public static class StoreErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteBusy = 5;

    /// <summary>A UNIQUE or PRIMARY KEY constraint refused the row (someone else stored it first).</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>The store was locked by another writer for longer than the wait allows; retrying later may succeed.</summary>
    public static bool IsBusy(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteBusy,
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.SerializationFailure,
        _ => false,
    };

    /// <summary>The store could not be reached or read: the health check's failures.</summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is SqliteException or NpgsqlException or IOException or InvalidOperationException or TimeoutException;
}
