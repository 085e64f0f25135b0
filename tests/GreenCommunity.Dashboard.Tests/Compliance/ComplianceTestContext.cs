using GreenCommunity.Dashboard.Tests.Shared;

namespace GreenCommunity.Dashboard.Tests.Compliance;

/// <summary>The bunit context (with the app's one shared compliance grid) and the expectations read straight from the tables.</summary>
public abstract class ComplianceTestContext(DashboardFactory factory) : DashboardTestContext(factory)
{

    /// <summary>Each locality's first own receipt of a report, straight from the table: the expectation, not the code under test.</summary>
    protected Task<IReadOnlyList<(string Locality, string ReceivedAt)>> FirstOwnReceiptsAsync(string kind, string period) =>
        Factory.QueryAsync<(string Locality, string ReceivedAt)>(
            """
            SELECT locality_code, MIN(received_at) FROM reports
             WHERE kind = @kind AND period = @period AND submitter_scope <> 'province'
             GROUP BY locality_code
            """, new { kind, period });
}
