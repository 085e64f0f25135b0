using GreenCommunity.Dashboard.Compliance;
using GreenCommunity.Dashboard.DepartmentReports;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reporting;
using Microsoft.AspNetCore.Components;

namespace GreenCommunity.Dashboard.Components.Controls.DepartmentReports;

/// <summary>
/// The compliance view's rows of the provincial departments (省直部门): each year's annual report and next year's plan,
/// newest year first, in the localities' states and colours, with how many cells stand in each state.
/// </summary>
public sealed partial class DepartmentComplianceSection : IDisposable
{
    private readonly CancellationTokenSource _leaving = new();

    [Inject]
    public required DepartmentComplianceReader Reader { get; init; }

    [Inject]
    public required Campaign Campaign { get; init; }

    /// <summary>The day the board is for (the page's ?asOf=).</summary>
    [Parameter, EditorRequired]
    public required DateOnly Day { get; set; }

    private DepartmentComplianceView? View { get; set; }

    private DepartmentTexts Texts => new(Loc);

    private ComplianceTexts Cells => ComplianceTexts.Of(ReportingLoc);

    protected override async Task OnParametersSetAsync()
    {
        if (View?.Board.Day != Day)
        {
            View = await Reader.GetAsync(Day, _leaving.Token);
        }
    }

    private static IEnumerable<int> Years(DepartmentBoard board) => board.Duties.Select(d => d.Year).Distinct().OrderDescending();

    /// <summary>Newest year first, as the localities' annual reports; in each year the report, then the plan.</summary>
    private static IEnumerable<DepartmentDuty> Columns(DepartmentBoard board) =>
        board.Duties.OrderByDescending(d => d.Year).ThenBy(d => d.Kind);

    public void Dispose()
    {
        _leaving.Cancel();
        _leaving.Dispose();
    }
}
