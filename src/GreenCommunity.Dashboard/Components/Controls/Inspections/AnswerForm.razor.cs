using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Actions;
using GreenCommunity.Dashboard.Inspections;
using GreenCommunity.Data.Actions;
using GreenCommunity.Data.Inspections;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GreenCommunity.Dashboard.Components.Controls.Inspections;

public sealed partial class AnswerForm
{
    [Inject]
    public required InspectionService Inspections { get; init; }

    [Inject]
    public required ClientAddress Address { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Parameter, EditorRequired]
    public required InspectionView Inspection { get; set; }

    /// <summary>Told the inspection as it stands once the answer is recorded.</summary>
    [Parameter]
    public EventCallback Answered { get; set; }

    private List<AnswerRow> Rows { get; set; } = [];

    private ValidationErrors Problems { get; set; } = new();

    private bool Busy { get; set; }

    private string FormKey { get; set; } = Guid.NewGuid().ToString("N");

    private string? _rowsFor;

    protected override void OnParametersSet()
    {
        var open = string.Join(",", Inspection.Findings.Where(f => f.Open).Select(f => f.Criterion));
        if (_rowsFor == open)
        {
            return;   // keep what is being typed
        }
        _rowsFor = open;
        var today = IsoDay.Text(ChinaTime.DateAt(Clock.GetUtcNow()));
        Rows = [.. Inspection.Findings.Where(f => f.Open).Select(f => new AnswerRow(f.Criterion) { Date = today })];
    }

    private JsonObject Body()
    {
        var answers = new JsonObject();
        foreach (var row in Rows.Where(r => r.Rectified))
        {
            answers[row.Criterion.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["rectified"] = true,
                ["note"] = string.IsNullOrWhiteSpace(row.Note) ? null : row.Note,
                ["date"] = row.Date ?? "",
            };
        }
        return new JsonObject { ["answers"] = answers };
    }

    private async Task SendAsync()
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
            var claim = ActionIntake.ClaimFor($"ui:{user.Actor()}", FormKey, InspectionService.AnswerAction, json);
            var result = await Inspections.AnswerAsync(Inspection.InspectionId, document.RootElement, user.ReportingScope(), Actor.From(user, Address.Value), claim, CancellationToken.None);
            if (result.Kind is ActionResultKind.Done or ActionResultKind.Replayed)
            {
                Problems = new ValidationErrors();
                FormKey = Guid.NewGuid().ToString("N");
                await Answered.InvokeAsync();
            }
            else
            {
                Problems = result.Errors;
                if (Problems.IsEmpty)
                {
                    Problems.Add("$", result.Detail ?? result.Kind.ToString());
                }
            }
        }
        finally
        {
            Busy = false;
        }
    }

    private sealed class AnswerRow(int criterion)
    {
        public int Criterion { get; } = criterion;

        public bool Rectified { get; set; }

        public string? Date { get; set; }

        public string? Note { get; set; }
    }
}
