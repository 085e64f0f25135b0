using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Demo;

/// <summary>A report of the demo history, to be sent through the real write path at its simulated receipt time.</summary>
public sealed record PlannedReport(DateTimeOffset ReceivedAt, SubmitterScope Scope, ReportSubmission Report, string ReportId);
