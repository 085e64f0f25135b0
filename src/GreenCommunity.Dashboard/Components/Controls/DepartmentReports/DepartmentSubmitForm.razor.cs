using System.Security.Claims;
using System.Text.Json;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.DepartmentReports;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Data.Actions;
using GreenCommunity.Data.Departments;
using GreenCommunity.Domain.Reporting;
using Microsoft.AspNetCore.Components;

namespace GreenCommunity.Dashboard.Components.Controls.DepartmentReports;

/// <summary>
/// A department account's form: year (this year by default), annual report or next year's plan, the text. One
/// Idempotency-Key per opening of the form, so that a second click never sends twice; a new one after each text sent.
/// </summary>
public sealed partial class DepartmentSubmitForm
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private int _year;
    private DepartmentReportKind _kind = DepartmentReportKind.Annual;
    private string _text = "";
    private bool _busy;
    private string _key = NewKey();
    private DepartmentSubmissionAnswer? _sent;

    [Inject]
    public required DepartmentReportIntake Intake { get; init; }

    [Inject]
    public required ReportProblemTexts ProblemTexts { get; init; }

    [Inject]
    public required ClientAddress Address { get; init; }

    /// <summary>The signed-in department account.</summary>
    [Parameter, EditorRequired]
    public required ClaimsPrincipal User { get; set; }

    /// <summary>Its department's code.</summary>
    [Parameter, EditorRequired]
    public required string Department { get; set; }

    [Parameter, EditorRequired]
    public required string DepartmentName { get; set; }

    /// <summary>Told after a text was stored, so that the page lists it.</summary>
    [Parameter]
    public EventCallback Sent { get; set; }

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    private DepartmentTexts Texts => new(Loc);

    /// <summary>The years it may send for, this year first.</summary>
    private IEnumerable<int> Years
    {
        get
        {
            var (first, last) = DepartmentCompliance.Years(Intake.Campaign, Intake.Today);
            return Enumerable.Range(first, Math.Max(0, last - first + 1)).Reverse();
        }
    }

    protected override void OnInitialized() => _year = Intake.Today.Year;

    private string FieldName(string path) => Loc[path switch
    {
        "year" => nameof(Resources.Departments.Year),
        "kind" => nameof(Resources.Departments.Kind),
        "text" => nameof(Resources.Departments.Text),
        _ => nameof(Resources.Departments.Department),
    }];

    private bool Has(string path) => Errors.ContainsKey(path);

    private string? Text(string path) => Errors.TryGetValue(path, out var texts) ? string.Join(" ", texts) : null;

    private async Task SendAsync()
    {
        if (_busy)
        {
            return;
        }
        _busy = true;
        _sent = null;
        try
        {
            var draft = new DepartmentSubmissionDraft(Department, _year, Domain.ApiNames.Of(_kind), _text);
            // Not the page's token: a text being stored is stored whole even if the page goes away meanwhile.
            var result = await Intake.SubmitAsync(User, Address.Value, draft, DepartmentReportIntake.ClaimFor(User, _key, draft), CancellationToken.None);
            if (result.Kind is ActionResultKind.Done or ActionResultKind.Replayed && result.Response is { } response)
            {
                _sent = JsonSerializer.Deserialize<DepartmentSubmissionAnswer>(response, s_json);
                Errors = new Dictionary<string, string[]>();
                _text = "";
                _key = NewKey();
                await Sent.InvokeAsync();
            }
            else
            {
                Errors = result.Errors.IsEmpty
                    ? new Dictionary<string, string[]> { ["department"] = [result.Detail ?? result.Kind.ToString()] }
                    : ProblemTexts.Texts(result.Errors);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");
}
