using System.Globalization;
using System.Security.Claims;
using GreenCommunity.Dashboard.Acceptance;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Data.Acceptance;
using GreenCommunity.Domain.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Pages.Acceptance;

/// <summary>
/// One acceptance request: the province reviews each waiting community against the 16 criteria and accepts or returns
/// it; the locality sees each decision, with the criteria found not met and the reason.
/// </summary>
public sealed partial class AcceptanceRequestPage : IDisposable
{
    [Inject]
    public required AcceptanceQueries Queries { get; init; }

    [Inject]
    public required AcceptanceNotifier Changes { get; init; }

    [Inject]
    public required ClientAddress Address { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Acceptance> Loc { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Parameter]
    public string RequestId { get; set; } = "";

    private ClaimsPrincipal User { get; set; } = new();

    private SubmitterScope? Scope { get; set; }

    private Actor Actor => Actor.From(User, Address.Value);

    private AcceptanceRequestRecord? Request { get; set; }

    private IReadOnlyDictionary<string, IReadOnlySet<int>> Met { get; set; } = new Dictionary<string, IReadOnlySet<int>>();

    private bool _loaded;

    private static bool English => DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture);

    protected override async Task OnInitializedAsync()
    {
        User = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        Scope = User.ReportingScope();
        Changes.Changed += OnChanged;
    }

    protected override Task OnParametersSetAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        Request = RequestId.Length is > 0 and <= 64 ? await Queries.GetAsync(RequestId, CancellationToken.None) : null;
        var waiting = Request?.Communities.Where(c => c.Accepted is null).Select(c => c.Code).ToList() ?? [];
        Met = waiting.Count > 0 && Scope is { IsProvince: true } ? await Queries.MetCriteriaAsync(waiting, CancellationToken.None) : new Dictionary<string, IReadOnlySet<int>>();
        _loaded = true;
    }

    private IReadOnlySet<int> MetOf(string code) => Met.TryGetValue(code, out var met) ? met : new HashSet<int>();

    private void OnChanged(string locality)
    {
        if (Request is null || Request.Locality == locality)
        {
            _ = InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            });
        }
    }

    public void Dispose() => Changes.Changed -= OnChanged;
}
