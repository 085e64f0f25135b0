using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Reporting;

namespace GreenCommunity.Dashboard.Compliance;

/// <summary>Reporting on one day as every page shows it: immutable, computed once per change and shared.</summary>
/// <param name="Localities">The province's localities, in the order of the rows.</param>
/// <param name="StartedWithUnmet">Today only: per locality, its started communities still missing a criterion (empty for a past day).</param>
public sealed record ComplianceSnapshot(ComplianceBoard Board, IReadOnlyList<Region> Localities, IReadOnlyDictionary<string, int> StartedWithUnmet)
{
    public DateOnly Day => Board.Day;

    public Region? Locality(string code) => Localities.FirstOrDefault(l => l.Code == code);
}
