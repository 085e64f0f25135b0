using Dapper;
using GreenCommunity.Data.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GreenCommunity.Dashboard.Health;

/// <summary>Healthy when the database answers a query over its reference data.</summary>
public sealed class DatabaseHealthCheck(SqliteConnectionFactory database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var communities = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM communities", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{communities} communities");
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be read.", ex);
        }
    }
}
