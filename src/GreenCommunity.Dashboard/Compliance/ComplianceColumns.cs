using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reporting;

namespace GreenCommunity.Dashboard.Compliance;

/// <summary>The grid's columns, the same on the page and in the file: months newest first, then annual reports newest first, then the plan.</summary>
public static class ComplianceColumns
{
    public static IReadOnlyList<ReportDuty> Of(ComplianceBoard board) =>
    [
        .. board.Duties.Where(d => d.Kind == ReportKind.Monthly).Reverse(),
        .. board.Duties.Where(d => d.Kind == ReportKind.Annual).Reverse(),
        .. board.Duties.Where(d => d.Kind == ReportKind.Plan),
    ];

    /// <summary>The columns grouped by kind, for a header row that spans each group.</summary>
    public static IReadOnlyList<(ReportKind Kind, int Span)> Groups(IReadOnlyList<ReportDuty> columns) =>
        [.. columns.GroupBy(d => d.Kind).Select(g => (g.Key, g.Count()))];
}
