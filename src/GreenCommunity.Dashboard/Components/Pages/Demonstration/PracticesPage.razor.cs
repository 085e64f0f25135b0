using System.Globalization;
using System.Security.Claims;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Data.Demonstration;
using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GreenCommunity.Dashboard.Components.Pages.Demonstration;

/// <summary>
/// Demonstration bases and practices by locality (<c>?locality=</c> for one): every staff member reads them; a coordinator
/// adds practices for its own locality, the administrator designates and withdraws bases and adds practices for any.
/// </summary>
public sealed partial class PracticesPage : IDisposable
{
    private const string AllLocalities = "all";

    private readonly CancellationTokenSource _leaving = new();

    [Inject]
    public required DemonstrationQueries Queries { get; init; }

    [Inject]
    public required ProgressReader Progress { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromQuery(Name = "locality")]
    public string? LocalityText { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private SubmitterScope? Scope { get; set; }

    private IReadOnlyList<Region> Localities { get; set; } = [];

    /// <summary>The locality shown, when the address names one of the province's; null for all.</summary>
    private string? Locality { get; set; }

    private IReadOnlyList<Section> Sections { get; set; } = [];

    private bool Loaded { get; set; }

    private static bool English => DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture);

    protected override async Task OnInitializedAsync()
    {
        var user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        Scope = user.ReportingScope();
        Localities = (await Progress.GetRegionsAsync(_leaving.Token)).Where(r => r.Level == RegionLevel.Prefecture).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
    }

    protected override Task OnParametersSetAsync()
    {
        Locality = Localities.Any(l => l.Code == LocalityText) ? LocalityText : null;
        return ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var bases = await Queries.BasesAsync(Locality, withWithdrawn: false, _leaving.Token);
        var practices = await Queries.PracticesAsync(Locality, _leaving.Token);
        // One locality: shown even when empty; all: those that have something to show.
        Sections = Localities
            .Where(l => Locality is null ? bases.Any(b => b.Locality == l.Code) || practices.Any(p => p.Locality == l.Code) : l.Code == Locality)
            .Select(l => new Section(l, bases.Where(b => b.Locality == l.Code).ToList(), practices.Where(p => p.Locality == l.Code).ToList()))
            .ToList();
        Loaded = true;
    }

    private void LocalityChanged(string? code) =>
        Navigation.NavigateTo(code is null or AllLocalities ? "/practices" : $"/practices?locality={Uri.EscapeDataString(code)}");

    public void Dispose() => _leaving.Cancel();

    private sealed record Section(Region Locality, IReadOnlyList<DemonstrationBase> Bases, IReadOnlyList<Practice> Practices);
}
