using System.Security.Claims;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Compliance;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reporting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Controls.Work;

/// <summary>
/// "My work" on a locality's page, for that locality's coordinator only and only on today's page: overdue reports,
/// this period's report (due date, status, a way to submit), and the started communities still short of the standard.
/// </summary>
public sealed partial class MyWorkPanel
{
    /// <summary>Overdue reports listed before "and N more".</summary>
    public const int MaxListed = 6;

    [Inject]
    public required IStringLocalizer<Resources.Work> Loc { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Reporting> ReportingLoc { get; init; }

    /// <summary>The locality whose page this is.</summary>
    [Parameter, EditorRequired]
    public required string Locality { get; set; }

    [CascadingParameter]
    public required ShownDay Day { get; set; }

    [CascadingParameter]
    public Task<AuthenticationState>? Authentication { get; set; }

    protected override ShownDay ShownDay => Day;

    private bool Shown { get; set; }

    private ComplianceTexts Texts => ComplianceTexts.Of(ReportingLoc);

    /// <summary>The list another page draws with exactly these filters: started communities missing any criterion.</summary>
    private string UnmetLink => $"/locality/{Locality}/communities?stage=pilot,in_progress&unmet=any";

    protected override async Task OnParametersSetAsync()
    {
        var user = Authentication is null ? null : (await Authentication).User;
        Shown = Day.IsToday && user is not null && IsCoordinatorOf(user, Locality);
        if (Shown)
        {
            await base.OnParametersSetAsync();
        }
    }

    /// <summary>Only the coordinator of this very locality: an administrator, a viewer or another locality's coordinator sees no panel.</summary>
    public static bool IsCoordinatorOf(ClaimsPrincipal user, string locality) =>
        user.IsInRole(DashboardRoles.Coordinator) && user.FindFirstValue(DashboardClaims.Locality) == locality;

    /// <summary>Missing reports of earlier periods, the most recently due first (this period's are listed apart).</summary>
    private static List<DutyStatus> Overdue(ComplianceSnapshot snapshot, LocalityCompliance own) =>
        [.. own.Missing.Where(s => !snapshot.Board.Current.Contains(s.Duty)).OrderByDescending(s => s.DueDay)];

    private string CurrentTitle(ReportDuty duty) => duty.Kind == ReportKind.Monthly
        ? Loc[nameof(Resources.Work.ThisMonth), duty.Period.ToString()]
        : Texts.Duty(duty);

    private string StatusText(DutyStatus status) => status.State switch
    {
        ComplianceState.OnTime => Loc[nameof(Resources.Work.SentOnTime)],
        ComplianceState.Late when status.Days == 1 => Loc[nameof(Resources.Work.SentLateOne)],
        ComplianceState.Late => Loc[nameof(Resources.Work.SentLate), status.Days],
        _ => Loc[nameof(Resources.Work.NotYet)],
    };

    private string UnmetText(int count) => count switch
    {
        0 => Loc[nameof(Resources.Work.UnmetNone)],
        1 => Loc[nameof(Resources.Work.UnmetCommunitiesOne)],
        _ => Loc[nameof(Resources.Work.UnmetCommunities), count],
    };
}
