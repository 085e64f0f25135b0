using GreenCommunity.Data.Audit;

namespace GreenCommunity.Dashboard.Model;

/// <summary>Which report an audit entry names, so the audit log can link to it.</summary>
public static class AuditReports
{
    /// <summary>
    /// A stored report's entry targets "&lt;locality&gt; &lt;report id&gt;" (written with the report, in its transaction);
    /// a refused one names no stored report.
    /// </summary>
    public static string? ReportId(AuditEntry entry) =>
        entry is { Action: "report.submit", Outcome: AuditOutcome.Allowed, Target: { } target } && target.IndexOf(' ', StringComparison.Ordinal) is var space and > 0
            && space < target.Length - 1
            ? target[(space + 1)..]
            : null;
}
