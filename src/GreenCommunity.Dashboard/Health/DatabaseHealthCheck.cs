using GreenCommunity.Data.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GreenCommunity.Dashboard.Health;

/// <summary>Healthy when the database answers a query over its reference data.</summary>
public sealed class DatabaseHealthCheck(StoreProbe store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return HealthCheckResult.Healthy($"{await store.CommunitiesAsync(cancellationToken)} communities");
        }
        catch (Exception ex) when (StoreErrors.IsUnavailable(ex))
        {
            return HealthCheckResult.Unhealthy("The database cannot be read.", ex);
        }
    }
}
