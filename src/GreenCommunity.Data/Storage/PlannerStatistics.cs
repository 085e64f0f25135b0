using System.Data;
using System.Data.Common;
using Dapper;

namespace GreenCommunity.Data.Storage;

/// <summary>
/// The planner's statistics, refreshed after a bulk load. PostgreSQL keeps one plan of a prepared statement for all
/// arguments (a generic plan) only where its statistics show the plan fits; a store just filled has none until
/// autovacuum comes round, so it planned the intake's statements anew for every report (about 1 ms of server time a
/// report, docs/PERFORMANCE.md) on guessed row counts. SQLite's planner is left as it is: nothing to do there.
/// </summary>
public static class PlannerStatistics
{
    /// <summary>Refreshes the statistics of every table of the store <paramref name="connection"/> is open on (outside a transaction).</summary>
    public static async Task RefreshAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (StoreSql.EngineOf(connection) == StoreEngine.Postgres)
        {
            // Text said outright: Dapper takes a one-word command for a stored procedure's name (CALL ANALYZE()).
            await connection.ExecuteAsync(new CommandDefinition("ANALYZE", commandTimeout: 600, commandType: CommandType.Text, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
        }
    }

    /// <inheritdoc cref="RefreshAsync(DbConnection, CancellationToken)"/>
    public static async Task RefreshAsync(StoreDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await RefreshAsync(connection, cancellationToken).ConfigureAwait(false);
    }
}
