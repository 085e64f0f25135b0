namespace GreenCommunity.Domain.Inspections;

/// <summary>
/// An unannounced inspection (暗访督查) as the province records it: which community, on which day, by whom, what was
/// found per criterion, and by when what was not met must be rectified.
/// </summary>
public sealed record InspectionVisit(string Community, DateOnly Date, string Inspectors, IReadOnlyList<InspectionFinding> Findings, DateOnly? RectifyBy)
{
    public bool HasUnmet => Findings.Any(f => !f.Met);
}
