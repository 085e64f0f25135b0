using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Inspections;

namespace GreenCommunity.Data.Inspections;

/// <summary>
/// An inspection as it stands: the visit, the community (its name and current stage), each finding with the locality's
/// answer, and how many days its open findings are past the rectification deadline.
/// </summary>
public sealed record InspectionView(
    string InspectionId,
    string Community,
    string CommunityName,
    string Locality,
    Stage Stage,
    DateOnly Date,
    string Inspectors,
    DateOnly? RectifyBy,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    IReadOnlyList<FindingView> Findings,
    int DaysOverdue)
{
    /// <summary>At least one finding is not met and not yet rectified.</summary>
    public bool Open => Findings.Any(f => f.Open);

    public bool Overdue => DaysOverdue > 0;

    /// <summary>An accepted (已验收) community with an open finding: the visit contradicts the acceptance.</summary>
    public bool Discrepancy => Stage == Stage.Accepted && Open;
}

/// <summary>One criterion's finding and the locality's answer to it.</summary>
public sealed record FindingView(int Criterion, bool Met, string? Note, DateOnly? RectifiedOn, string? RectificationNote, DateTimeOffset? AnsweredAt, string? AnsweredBy)
{
    public bool Open => new StoredFinding(Criterion, Met, RectifiedOn).IsOpen;
}

/// <summary>An accepted community's open finding: a discrepancy between the acceptance and what inspectors found.</summary>
public sealed record InspectionDiscrepancy(string Community, string CommunityName, string Locality, string County, int Criterion, string InspectionId, DateOnly Date);

/// <summary>Which inspections to list; every filter is optional.</summary>
/// <param name="Region">A locality or county-level code: inspections of its communities.</param>
/// <param name="OpenOnly">Only inspections with an open finding.</param>
/// <param name="DiscrepancyOnly">Only accepted communities' inspections with an open finding.</param>
public sealed record InspectionFilter(string? Region = null, string? Community = null, bool OpenOnly = false, bool DiscrepancyOnly = false);
