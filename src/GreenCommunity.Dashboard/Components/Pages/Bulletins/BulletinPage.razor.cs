using System.Security.Claims;
using System.Text.Json;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Actions;
using GreenCommunity.Dashboard.Bulletins;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Data.Actions;
using GreenCommunity.Domain.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace GreenCommunity.Dashboard.Components.Pages.Bulletins;

/// <summary>
/// A bulletin as a document (/bulletins/{id}), printable on A4 and downloadable as .xlsx; for the province, while it is a
/// draft, its remarks and its publishing (after a confirmation: published, it is numbered and never changes).
/// </summary>
public sealed partial class BulletinPage
{
    [Parameter]
    public required string Id { get; set; }

    [Inject]
    public required BulletinReader Reader { get; init; }

    [Inject]
    public required BulletinActions Actions { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

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

    private BulletinDocument? Document { get; set; }

    private bool Missing { get; set; }

    private string ProvinceName { get; set; } = "";

    private bool CanEdit => Province && Document is { Record.IsPublished: false };

    private string Title => Document is { } document
        ? $"{BulletinTexts.Of(Loc, ReportingLoc).Title(ProvinceName)} {BulletinTexts.Of(Loc, ReportingLoc).Number(document.Record)}"
        : Loc[nameof(Resources.Bulletins.PageTitle)];

    private string Remarks { get; set; } = "";

    private string? RemarksError { get; set; }

    private string? Refusal { get; set; }

    private bool Saved { get; set; }

    private bool Busy { get; set; }

    /// <summary>One key per opening of the form for each write: a double click writes once.</summary>
    private string RemarksKey { get; set; } = NewKey();

    private string PublishKey { get; } = NewKey();

    protected override async Task OnParametersSetAsync()
    {
        User = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        ProvinceName = await Reader.ProvinceNameAsync(CancellationToken.None, DashboardCultures.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture));
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        Document = await Reader.GetAsync(Id, Province, CancellationToken.None);
        Missing = Document is null;
        Remarks = Document?.Record.Remarks ?? "";
    }

    private async Task SaveRemarksAsync()
    {
        Busy = true;
        try
        {
            var problems = new ValidationErrors();
            if (Remarks.Length > BulletinActions.MaxRemarksLength)
            {
                problems.Add("remarks", ReportProblemCodes.TooLong, BulletinActions.MaxRemarksLength);
            }
            var claim = ActionIntake.ClaimFor(User.Actor(), RemarksKey, BulletinActions.RemarksAction, JsonSerializer.Serialize(new { id = Id, remarks = Remarks }));
            var result = await Actions.EditRemarksAsync(Actor.From(User, Address.Value), User.ReportingScope(), claim, Id, new BulletinRemarksCommand(Remarks, problems), CancellationToken.None);
            await AnswerAsync(result);
            Saved = result.Kind is ActionResultKind.Done or ActionResultKind.Replayed;
            RemarksKey = NewKey();   // the next edit is another request
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task PublishAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(Loc[nameof(Resources.Bulletins.PublishConfirmTitle)],
            Loc[nameof(Resources.Bulletins.PublishConfirmText), Document?.Record.Month ?? ""],
            yesText: Loc[nameof(Resources.Bulletins.Publish)], cancelText: Loc[nameof(Resources.Bulletins.Cancel)]);
        if (confirmed != true)
        {
            return;
        }
        Busy = true;
        try
        {
            var claim = ActionIntake.ClaimFor(User.Actor(), PublishKey, BulletinActions.PublishAction, JsonSerializer.Serialize(new { id = Id }));
            await AnswerAsync(await Actions.PublishAsync(Actor.From(User, Address.Value), User.ReportingScope(), claim, Id, CancellationToken.None));
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task AnswerAsync(ActionResult result)
    {
        var errors = ProblemTexts.Texts(result.Errors);
        RemarksError = errors.TryGetValue("remarks", out var texts) ? string.Join(" ", texts) : null;
        Refusal = result.Kind switch
        {
            ActionResultKind.Done or ActionResultKind.Replayed => null,
            ActionResultKind.Invalid when RemarksError is not null => null,
            _ => Loc[nameof(Resources.Bulletins.Conflict), result.Detail ?? string.Join(" ", errors.Values.SelectMany(v => v))].Value,
        };
        await LoadAsync();
    }

    private async Task PrintAsync() => await JS.InvokeVoidAsync("print");

    private static string NewKey() => Guid.NewGuid().ToString("N");
}
