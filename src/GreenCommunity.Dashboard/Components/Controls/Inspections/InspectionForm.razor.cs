using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Actions;
using GreenCommunity.Dashboard.Inspections;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Data.Actions;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GreenCommunity.Dashboard.Components.Controls.Inspections;

public sealed partial class InspectionForm
{
    [Inject]
    public required InspectionService Inspections { get; init; }

    [Inject]
    public required ClientAddress Address { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Told the new inspection's id once it is recorded.</summary>
    [Parameter]
    public EventCallback<string> Recorded { get; set; }

    private string? Community { get; set; }

    private string? Date { get; set; }

    private string? Inspectors { get; set; }

    private string? RectifyBy { get; set; }

    private List<FindingRow> Rows { get; set; } = NewRows();

    private ValidationErrors Problems { get; set; } = new();

    private string? RecordedId { get; set; }

    private bool Busy { get; set; }

    /// <summary>One key per filled form: a second click replays the first answer instead of recording twice.</summary>
    private string FormKey { get; set; } = Guid.NewGuid().ToString("N");

    private static bool English => DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture);

    protected override void OnInitialized() => Date = IsoDay.Text(ChinaTime.DateAt(Clock.GetUtcNow()));

    private static List<FindingRow> NewRows() => [.. GreenCommunityStandard.Criteria.Select(c => new FindingRow(c.Number))];

    /// <summary>The form as the API's JSON: the one parser reads both.</summary>
    private JsonObject Body()
    {
        var findings = new JsonObject();
        foreach (var row in Rows.Where(r => r.Choice != FindingChoice.NotChecked))
        {
            findings[row.Criterion.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["met"] = row.Choice == FindingChoice.Met,
                ["note"] = string.IsNullOrWhiteSpace(row.Note) ? null : row.Note,
            };
        }
        var body = new JsonObject
        {
            ["community"] = Community ?? "",
            ["date"] = Date ?? "",
            ["inspectors"] = Inspectors ?? "",
            ["findings"] = findings,
        };
        if (!string.IsNullOrWhiteSpace(RectifyBy))
        {
            body["rectifyBy"] = RectifyBy;
        }
        return body;
    }

    private async Task RecordAsync()
    {
        if (Busy)
        {
            return;
        }
        Busy = true;
        try
        {
            var user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
            var json = Body().ToJsonString();
            using var document = JsonDocument.Parse(json);
            var claim = ActionIntake.ClaimFor($"ui:{user.Actor()}", FormKey, InspectionService.RecordAction, json);
            // Not cancelled with the page: a visit half-recorded because the tab closed would be the worst outcome.
            var result = await Inspections.RecordAsync(document.RootElement, user.ReportingScope(), Actor.From(user, Address.Value), claim, CancellationToken.None);
            if (result.Kind is ActionResultKind.Done or ActionResultKind.Replayed)
            {
                RecordedId = JsonDocument.Parse(result.Response!).RootElement.GetProperty("inspectionId").GetString();
                Problems = new ValidationErrors();
                (Community, Inspectors, RectifyBy, Rows, FormKey) = (null, null, null, NewRows(), Guid.NewGuid().ToString("N"));
                await Recorded.InvokeAsync(RecordedId);
            }
            else
            {
                RecordedId = null;
                Problems = result.Errors.IsEmpty ? Refusal(result) : result.Errors;
            }
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>A refusal without problems by path (409 while the same form is still being recorded, 422).</summary>
    private static ValidationErrors Refusal(ActionResult result)
    {
        var errors = new ValidationErrors();
        errors.Add("$", result.Detail ?? result.Kind.ToString());
        return errors;
    }
}
