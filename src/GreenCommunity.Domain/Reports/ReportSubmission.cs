using GreenCommunity.Domain.Campaigns;
namespace GreenCommunity.Domain.Reports;

/// <summary>A report as a locality (or the province) sends it, before validation.</summary>
public sealed record ReportSubmission(
    string Locality,
    ReportKind Kind,
    ReportPeriod Period,
    string SubmittedBy,
    string? Narrative,
    IReadOnlyList<CommunityUpdate> Updates);
