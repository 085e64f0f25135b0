using System.Security.Claims;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Demonstration;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Data.Actions;
using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Controls.Demonstration;

/// <summary>
/// What the page's three forms share: the signed-in sender and its scope, one idempotency key per form opening (a double
/// click replays the first answer instead of writing twice), and the answer in the page's language.
/// </summary>
public abstract class DemonstrationForm : ComponentBase
{
    [Inject]
    public required DemonstrationService Service { get; init; }

    [Inject]
    public required ClientAddress Address { get; init; }

    [Inject]
    public required ReportProblemTexts ProblemTexts { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Demonstration> Loc { get; init; }

    /// <summary>Told after a write is done, so that the page reads its lists again.</summary>
    [Parameter]
    public EventCallback Done { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected ClaimsPrincipal User { get; private set; } = new();

    protected SubmitterScope? Scope => User.ReportingScope();

    protected bool Busy { get; private set; }

    /// <summary>Problems by field, in the page's language.</summary>
    protected IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>A refusal that names no field (a conflict, an unknown community), or the confirmation of a done write.</summary>
    protected string? Message { get; private set; }

    protected bool Succeeded { get; private set; }

    private string _key = Guid.NewGuid().ToString("N");

    protected override async Task OnInitializedAsync() =>
        User = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;

    protected string? ErrorText(string path) => Errors.TryGetValue(path, out var texts) ? string.Join(" ", texts) : null;

    /// <summary>
    /// Runs a write with this form's key, hashed over <paramref name="canonical"/> (the form's values). Only a done write keeps
    /// its key, so values corrected after a refusal go out under the same one; a done write gets <paramref name="confirmation"/>
    /// and the form a fresh key.
    /// </summary>
    protected async Task<bool> RunAsync(string action, string canonical, Func<Actor, IdempotencyClaim, Task<ActionResult>> write, Func<ActionResult, string> confirmation)
    {
        if (Busy)
        {
            return false;
        }
        Busy = true;
        try
        {
            var claim = Actions.ActionIntake.ClaimFor(User.Actor(), _key, action, canonical);
            var result = await write(Actor.From(User, Address.Value), claim);
            Errors = ProblemTexts.Texts(result.Errors);
            Succeeded = result.Kind is ActionResultKind.Done or ActionResultKind.Replayed;
            Message = result.Kind switch
            {
                ActionResultKind.Done or ActionResultKind.Replayed => confirmation(result),
                ActionResultKind.Conflict when action == DemonstrationService.DesignateAction => Loc[nameof(Resources.Demonstration.ConflictBase)],
                ActionResultKind.Conflict when action == DemonstrationService.WithdrawAction => Loc[nameof(Resources.Demonstration.NotABase)],
                ActionResultKind.Conflict => Loc[nameof(Resources.Demonstration.Busy)],
                ActionResultKind.NotFound => Loc[nameof(Resources.Demonstration.UnknownCommunity)],
                _ => null,
            };
            if (Succeeded)
            {
                _key = Guid.NewGuid().ToString("N");
                await Done.InvokeAsync();
            }
            return Succeeded;
        }
        finally
        {
            Busy = false;
        }
    }

    protected static string Canonical(params string?[] values) => System.Text.Json.JsonSerializer.Serialize(values);
}
