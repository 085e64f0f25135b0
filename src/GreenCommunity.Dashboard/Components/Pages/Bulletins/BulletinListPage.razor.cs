using System.Security.Claims;
using System.Text.Json;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Actions;
using GreenCommunity.Dashboard.Bulletins;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Data.Actions;
using GreenCommunity.Data.Bulletins;
using GreenCommunity.Domain.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Pages.Bulletins;

/// <summary>
/// The bulletins (/bulletins): the published ones for every account, newest first; for the province also its drafts and
/// the form that drafts one for a month (through the same write as the API: checked, audited, one key per form).
/// </summary>
public sealed partial class BulletinListPage
{
    [Inject]
    public required BulletinReader Reader { get; init; }

    [Inject]
    public required BulletinActions Actions { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ClientAddress Address { get; init; }

    [Inject]
    public required ReportProblemTexts ProblemTexts { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Bulletins> Loc { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Reporting> ReportingLoc { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private ClaimsPrincipal User { get; set; } = new();

    private bool Province => User.ReportingScope() is { IsProvince: true };

    private IReadOnlyList<BulletinRecord> Published { get; set; } = [];

    private IReadOnlyList<BulletinRecord> Drafts { get; set; } = [];

    private BulletinTexts Texts => BulletinTexts.Of(Loc, ReportingLoc);

    private string Month { get; set; } = "";

    private string Remarks { get; set; } = "";

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    private string? Refusal { get; set; }

    private bool Busy { get; set; }

    /// <summary>One key per form opening: a double click drafts once.</summary>
    private string FormKey { get; } = Guid.NewGuid().ToString("N");

    protected override async Task OnInitializedAsync()
    {
        User = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        Month = Reader.LastMonth().ToString();
        var all = await Reader.ListAsync(Province, CancellationToken.None);
        Published = [.. all.Where(b => b.IsPublished)];
        Drafts = [.. all.Where(b => !b.IsPublished)];
    }

    private async Task DraftAsync()
    {
        Busy = true;
        try
        {
            var problems = new ValidationErrors();
            if (Remarks.Length > BulletinActions.MaxRemarksLength)
            {
                problems.Add("remarks", ReportProblemCodes.TooLong, BulletinActions.MaxRemarksLength);
            }
            var command = new BulletinDraftCommand(Month.Trim(), Remarks, problems);
            var canonical = JsonSerializer.Serialize(new { month = command.Month, remarks = command.Remarks });
            var claim = ActionIntake.ClaimFor(User.Actor(), FormKey, BulletinActions.DraftAction, canonical);
            var result = await Actions.DraftAsync(Actor.From(User, Address.Value), User.ReportingScope(), claim, command, CancellationToken.None);
            Errors = ProblemTexts.Texts(result.Errors);
            Refusal = result.Kind switch
            {
                ActionResultKind.Done or ActionResultKind.Replayed or ActionResultKind.Invalid => null,
                _ => Loc[nameof(Resources.Bulletins.Conflict), result.Detail ?? string.Join(" ", Errors.Values.SelectMany(v => v))].Value,
            };
            if (result.Kind is ActionResultKind.Done or ActionResultKind.Replayed && result.Response is { } response)
            {
                var id = JsonDocument.Parse(response).RootElement.GetProperty("bulletinId").GetString()!;
                Navigation.NavigateTo($"/bulletins/{Uri.EscapeDataString(id)}");
            }
        }
        finally
        {
            Busy = false;
        }
    }

    private string? ErrorText(string path) => Errors.TryGetValue(path, out var texts) ? string.Join(" ", texts) : null;

    private static string Link(BulletinRecord bulletin) => $"/bulletins/{Uri.EscapeDataString(bulletin.BulletinId)}";
}
