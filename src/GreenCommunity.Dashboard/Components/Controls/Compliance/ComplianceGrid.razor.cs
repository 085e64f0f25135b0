using System.Globalization;
using GreenCommunity.Dashboard.Compliance;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reporting;
using Microsoft.AspNetCore.Components;

namespace GreenCommunity.Dashboard.Components.Controls.Compliance;

/// <summary>Localities × report duties, each cell coloured and labelled: on time ✓, N days late, missing, not yet due.</summary>
public sealed partial class ComplianceGrid
{
    [Parameter, EditorRequired]
    public required ComplianceSnapshot Snapshot { get; set; }

    /// <summary>The columns shown (<see cref="ComplianceColumns.Of"/> for all).</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<ReportDuty> Columns { get; set; }

    /// <summary>The rows shown: every locality when null.</summary>
    [Parameter]
    public string? OnlyLocality { get; set; }

    /// <summary>Where a locality's name links to; no link when null.</summary>
    [Parameter]
    public Func<string, string>? LocalityLink { get; set; }

    [Parameter]
    public string TestId { get; set; } = "compliance-grid";

    private ComplianceTexts Texts => ComplianceTexts.Of(Loc);

    private IEnumerable<LocalityCompliance> Rows => OnlyLocality is null
        ? Snapshot.Board.Localities
        : Snapshot.Board.Localities.Where(l => l.Locality == OnlyLocality);

    private string LocalityName(string code) => Snapshot.Locality(code)?.DisplayName(DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture)) ?? code;

    private string GroupName(ReportKind kind) => kind switch
    {
        ReportKind.Monthly => Loc[nameof(Resources.Reporting.GroupMonthly)],
        ReportKind.Annual => Loc[nameof(Resources.Reporting.GroupAnnual)],
        _ => Loc[nameof(Resources.Reporting.GroupPlan)],
    };

    /// <summary>Also the cell's data-state, which tests and the stylesheet read.</summary>
    public static string StateClass(ComplianceState state) => state switch
    {
        ComplianceState.OnTime => "on-time",
        ComplianceState.Late => "late",
        ComplianceState.Missing => "missing",
        _ => "due",
    };
}
