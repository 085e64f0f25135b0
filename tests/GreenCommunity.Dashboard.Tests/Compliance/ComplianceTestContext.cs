using GreenCommunity.Dashboard.Compliance;
using GreenCommunity.Dashboard.Tests.Shared;

namespace GreenCommunity.Dashboard.Tests.Compliance;

/// <summary>The bunit context with the compliance feature too, over the factory's running app (its one shared grid).</summary>
public abstract class ComplianceTestContext : DashboardTestContext
{
    protected ComplianceTestContext(DashboardFactory factory) : base(factory) =>
        Services.AddFromApp(factory.Services, features => features.AddReportingCompliance());

    /// <summary>Each locality's first own receipt of a report, straight from the table: the expectation, not the code under test.</summary>
    protected Task<IReadOnlyList<(string Locality, string ReceivedAt)>> FirstOwnReceiptsAsync(string kind, string period) =>
        Factory.QueryAsync<(string Locality, string ReceivedAt)>(
            """
            SELECT locality_code, MIN(received_at) FROM reports
             WHERE kind = @kind AND period = @period AND submitter_scope <> 'province'
             GROUP BY locality_code
            """, new { kind, period });
}
