using System.Globalization;
using System.Security.Claims;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Components.Controls.Submit;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Data.Communities;
using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Pages;

/// <summary>
/// The coordinators' submit page: the signed-in account decides whose report it is (an administrator for any
/// locality, a coordinator for its own); the form checks the same rules as the API while typing, and sending
/// goes through the same intake, which checks the scope again (idempotent: a double click sends once).
/// </summary>
public sealed partial class SubmitReport : IDisposable
{
    // Cancelled when the page goes away: for its reads. The submission itself is not cancelled once begun (the intake
    // answers stored or refused, whole; a report half-sent because the tab closed would be the worst outcome).
    private readonly CancellationTokenSource _leaving = new();

    [Inject]
    public required ReportIntake Intake { get; init; }

    [Inject]
    public required ProgressReader Progress { get; init; }

    [Inject]
    public required CommunityQueries Communities { get; init; }

    [Inject]
    public required Campaign Campaign { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Submit> Loc { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Overview> OverviewLoc { get; init; }

    [Inject]
    public required ClientAddress Address { get; init; }

    [Inject]
    public required ReportProblemTexts ProblemTexts { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private ClaimsPrincipal User { get; set; } = new();

    /// <summary>Null for an account that may not report (the page's policy keeps them out; this is the second check).</summary>
    private SubmitterScope? Scope { get; set; }

    private Actor Actor => Actor.From(User, Address.Value);

    /// <summary>Idempotency keys of the page are its own: "ui:user:wuhan".</summary>
    private string Client => $"ui:{User.Actor()}";

    private IReadOnlyList<Region> Localities { get; set; } = [];

    private ReportForm Form { get; set; } = new();

    /// <summary>The locality's communities and their stages today: read once per locality, searched in memory by every row.</summary>
    private CommunityDirectory Directory { get; set; } = CommunityDirectory.Empty;

    /// <summary>
    /// The problems found by the check or the intake, by code; <see cref="Errors"/> are the messages in the page's
    /// language by path (with why a community field's text names no community, as soon as it is typed).
    /// </summary>
    private ValidationErrors Problems { get; set; } = new();

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    /// <summary>Whether <see cref="Problems"/> are the intake's refusal of the form as sent (rather than the check's findings).</summary>
    private bool Refused { get; set; }

    private bool Checked { get; set; }

    private bool CheckPassed => Checked && Problems.IsEmpty && Errors.Count == 0;

    private bool ShowsSummary => Outcome is null && !Problems.IsEmpty;

    private string SummaryTitle => Refused ? Loc[nameof(Resources.Submit.Refused)] : Loc[nameof(Resources.Submit.Problems), Errors.Count];

    private DateOnly Today => ChinaTime.DateAt(Clock.GetUtcNow());

    private bool Busy { get; set; }

    private IntakeOutcome? Outcome { get; set; }

    /// <summary>One key per filled form: a second click on "submit" replays the first answer instead of sending twice.</summary>
    private string FormKey { get; set; } = NewKey();

    private const int MaxNarrativeLength = ReportRequestParser.MaxNarrativeLength;

    private static bool English => DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture);

    private string ScopeName => Scope is null ? "" : Scope.IsProvince ? Loc[nameof(Resources.Submit.ProvinceName)] : LocalityName(Scope.LocalityCode);

    private bool Has(string path) => Errors.ContainsKey(path);

    private string? Text(string path) => Errors.TryGetValue(path, out var messages) ? string.Join(" ", messages) : null;

    protected override async Task OnInitializedAsync()
    {
        Localities = (await Progress.GetRegionsAsync(_leaving.Token)).Where(r => r.Level == RegionLevel.Prefecture).ToList();
        User = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        Scope = User.ReportingScope();
        if (Scope is not null)
        {
            var locality = Scope.IsProvince ? (Localities.Count > 0 ? Localities[0].Code : null) : Scope.LocalityCode;
            Form = ReportForm.ForMonth(Today, locality, SubmitterFor(locality));
            Form.Updates.Add(NewRow());
            Directory = await CommunityDirectory.LoadAsync(Communities, locality, _leaving.Token);
        }
    }

    private string LocalityName(string? code) => Localities.FirstOrDefault(l => l.Code == code)?.DisplayName(English) ?? code ?? "";

    private string SubmitterFor(string? locality) =>
        Scope?.IsProvince == true ? SubmitterScope.ProvinceDepartment : $"{Localities.FirstOrDefault(l => l.Code == locality)?.Name}住房和城乡建设局";

    private async Task OnLocalityChangedAsync(string locality)
    {
        Form.Locality = locality;
        Form.Updates.Clear();   // communities belong to a locality
        Form.Updates.Add(NewRow());
        var directory = await CommunityDirectory.LoadAsync(Communities, locality, _leaving.Token);
        if (Form.Locality == locality)   // not a locality picked before another one read faster
        {
            Directory = directory;
        }
        Revalidate();
    }

    private void OnKindChanged(ReportKind kind)
    {
        Form.Kind = kind;
        var today = ChinaTime.DateAt(Clock.GetUtcNow());
        Form.Period = kind == ReportKind.Monthly ? ReportPeriod.OfMonth(today.Year, today.Month).ToString() : ReportPeriod.OfYear(today.Year).ToString();
        Revalidate();
    }

    private void OnPeriodChanged(string value)
    {
        Form.Period = value ?? "";
        Revalidate();
    }

    private void OnSubmittedByChanged(string value)
    {
        Form.SubmittedBy = value ?? "";
        Revalidate();
    }

    private UpdateRow NewRow() => new() { Effective = IsoDay.Text(Today) };

    private void AddUpdate()
    {
        Form.Updates.Add(NewRow());
        Revalidate();
    }

    private void RemoveUpdate(UpdateRow row)
    {
        Form.Updates.Remove(row);
        Revalidate();
    }

    /// <summary>After every change, once the user has asked for a check: errors show while they are fixed. A community field says why at once.</summary>
    private void Revalidate()
    {
        if (Checked)
        {
            Validate(out _);
        }
        else
        {
            Show(Problems, Refused);
        }
    }

    private void Check()
    {
        Checked = true;
        Validate(out _);
    }

    private bool Validate(out ReportSubmission? report, bool checkRules = true)
    {
        var errors = new ValidationErrors();
        // The textarea stops at the limit; a crafted event is held to it here, as the API holds a JSON body to it.
        if (Form.Narrative is { Length: > MaxNarrativeLength })
        {
            errors.Add("narrative", ReportProblemCodes.TooLong, MaxNarrativeLength);
        }
        report = Form.Build(Scope ?? SubmitterScope.Province, Campaign, Clock.GetUtcNow(), errors, checkRules);
        Show(errors, refused: false);
        return report is not null;
    }

    private void Show(ValidationErrors problems, bool refused)
    {
        Problems = problems;
        Refused = refused;
        Errors = FormMessages.For(problems, Form.Updates, ProblemTexts, Loc, LocalityName, Form.Locality);
    }

    private async Task SubmitAsync()
    {
        Checked = true;
        Outcome = null;
        // Only what cannot be read stops here; every rule (and the sender's scope) is the intake's to check and to audit.
        if (Scope is null || !Validate(out var report, checkRules: false))
        {
            return;
        }
        Busy = true;
        try
        {
            var result = await Intake.SubmitAsync(report!, Scope, ReportIntake.ClaimFor(Client, FormKey, report!), null, Actor, CancellationToken.None);
            // A refusal of what was typed is shown as the check's findings are: under each field, and listed at the top.
            Outcome = result.Status == IntakeStatus.Invalid ? null : new IntakeOutcome(result, result.Errors);
            Show(result.Errors, refused: result.Status == IntakeStatus.Invalid);
            if (result.Status is IntakeStatus.Stored or IntakeStatus.Replayed)
            {
                FormKey = NewKey();
                Form.Updates.Clear();
                Form.Updates.Add(NewRow());
                Checked = false;
            }
        }
        finally
        {
            Busy = false;
        }
    }

    private void OnExcelDone(IntakeOutcome outcome) => Outcome = outcome;

    private static string NewKey() => Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        _leaving.Cancel();
        _leaving.Dispose();
    }
}
