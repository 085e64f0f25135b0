namespace GreenCommunity.Domain.Inspections;

/// <summary>What the inspectors found on one of the 16 criteria: met or not, with their remark.</summary>
public sealed record InspectionFinding(int Criterion, bool Met, string? Note);
