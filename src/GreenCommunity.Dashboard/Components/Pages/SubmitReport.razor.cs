using System.Globalization;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Pages;

/// <summary>
/// The coordinators' submit page: a token decides whose report it is; the form checks the same rules as the
/// API while typing, and sending goes through the same intake (idempotent: a double click sends once).
/// </summary>
public sealed partial class SubmitReport
{
    [Inject]
    public required ReportIntake Intake { get; init; }

    [Inject]
    public required ProgressReader Progress { get; init; }

    [Inject]
    public required Campaign Campaign { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Submit> Loc { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Overview> OverviewLoc { get; init; }

    private ApiToken? Token { get; set; }

    private SubmitterScope Scope => Token is null || Token.IsProvince ? SubmitterScope.Province : SubmitterScope.ForLocality(Token.Scope);

    /// <summary>Idempotency keys of the page are its own: "ui:token:7".</summary>
    private string Client => $"ui:{Token?.Client}";

    private IReadOnlyList<Region> Localities { get; set; } = [];

    private ReportForm Form { get; set; } = new();

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    private bool Checked { get; set; }

    private bool CheckPassed => Checked && Errors.Count == 0;

    private bool Busy { get; set; }

    private IntakeOutcome? Outcome { get; set; }

    /// <summary>One key per filled form: a second click on "submit" replays the first answer instead of sending twice.</summary>
    private string FormKey { get; set; } = NewKey();

    private static bool English => DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture);

    private string ScopeName => Token is null ? "" : Token.IsProvince ? Loc[nameof(Resources.Submit.ProvinceName)] : LocalityName(Token.Scope);

    private bool Has(string path) => Errors.ContainsKey(path);

    private string Text(string path) => Errors.TryGetValue(path, out var messages) ? string.Join(" ", messages) : "";

    private string ProblemsTitle => Loc[nameof(Resources.Submit.Problems), Errors.Count];

    protected override async Task OnInitializedAsync() =>
        Localities = (await Progress.GetRegionsAsync(CancellationToken.None)).Where(r => r.Level == RegionLevel.Prefecture).ToList();

    private string LocalityName(string? code) => Localities.FirstOrDefault(l => l.Code == code)?.DisplayName(English) ?? code ?? "";

    private Task OnTokenAcceptedAsync(ApiToken token)
    {
        Token = token;
        var locality = token.IsProvince ? (Localities.Count > 0 ? Localities[0].Code : null) : token.Scope;
        Form = ReportForm.ForMonth(ChinaTime.DateAt(Clock.GetUtcNow()), locality, SubmitterFor(locality));
        Form.Updates.Add(NewRow());
        Outcome = null;
        Revalidate();
        return Task.CompletedTask;
    }

    private void ForgetToken()
    {
        Token = null;
        Outcome = null;
        Errors = new Dictionary<string, string[]>();
    }

    private string SubmitterFor(string? locality) =>
        Token?.IsProvince == true ? Data.Demo.DemoCampaignPlan.ProvinceSubmitter : $"{Localities.FirstOrDefault(l => l.Code == locality)?.Name}住房和城乡建设局";

    private Task OnLocalityChangedAsync(string locality)
    {
        Form.Locality = locality;
        Form.Updates.Clear();   // communities belong to a locality
        Form.Updates.Add(NewRow());
        Revalidate();
        return Task.CompletedTask;
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

    private UpdateRow NewRow() => new() { Effective = ChinaTime.DateAt(Clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

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

    /// <summary>After every change, once the user has asked for a check: errors show while they are fixed.</summary>
    private void Revalidate()
    {
        if (Checked)
        {
            Validate(out _);
        }
    }

    private void Check()
    {
        Checked = true;
        Validate(out _);
    }

    private bool Validate(out ReportSubmission? report)
    {
        var errors = new ValidationErrors();
        report = Form.Build(Scope, Campaign, Clock.GetUtcNow(), errors);
        Errors = errors.ToDictionary();
        return report is not null;
    }

    private async Task SubmitAsync()
    {
        Checked = true;
        Outcome = null;
        if (!Validate(out var report))
        {
            return;
        }
        Busy = true;
        try
        {
            var result = await Intake.SubmitAsync(report!, Scope, ReportIntake.ClaimFor(Client, FormKey, report!), null, CancellationToken.None);
            Outcome = new IntakeOutcome(result, result.Errors.ToDictionary());
            Errors = result.Errors.ToDictionary();
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
}
