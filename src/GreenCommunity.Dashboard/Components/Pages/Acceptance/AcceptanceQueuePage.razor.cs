using System.Globalization;
using System.Security.Claims;
using GreenCommunity.Dashboard.Acceptance;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Data.Acceptance;
using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Pages.Acceptance;

/// <summary>
/// The acceptance queue: the province sees what waits for its review; a coordinator applies for its locality's
/// communities and follows its requests. The filters live in the address (<c>?status=pending&amp;locality=420100</c>).
/// </summary>
public sealed partial class AcceptanceQueuePage : IDisposable
{
    [Inject]
    public required AcceptanceQueries Queries { get; init; }

    [Inject]
    public required AcceptanceNotifier Changes { get; init; }

    [Inject]
    public required ProgressReader Progress { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ClientAddress Address { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Acceptance> Loc { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [SupplyParameterFromQuery(Name = "status")]
    public string? Status { get; set; }

    [SupplyParameterFromQuery(Name = "locality")]
    public string? Locality { get; set; }

    private ClaimsPrincipal User { get; set; } = new();

    private SubmitterScope? Scope { get; set; }

    private Actor Actor => Actor.From(User, Address.Value);

    /// <summary>A coordinator's (or a locality token's) own locality: it may apply for its communities.</summary>
    private string? OwnLocality => Scope is { IsProvince: false } scope ? scope.LocalityCode : null;

    private IReadOnlyList<Region> Localities { get; set; } = [];

    private IReadOnlyList<AcceptanceRequestRecord>? Requests { get; set; }

    private static bool English => DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture);

    protected override async Task OnInitializedAsync()
    {
        User = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        Scope = User.ReportingScope();
        Localities = (await Progress.GetRegionsAsync(CancellationToken.None)).Where(r => r.Level == RegionLevel.Prefecture).ToList();
        Changes.Changed += OnChanged;
    }

    protected override async Task OnParametersSetAsync()
    {
        // Unusable filters read as none: the list says what it shows.
        Status = Status is "pending" or "decided" ? Status : null;
        Locality = Localities.Any(l => l.Code == Locality) ? Locality : null;
        await ReloadAsync();
    }

    private async Task ReloadAsync() => Requests = await Queries.ListAsync(Locality, Status, CancellationToken.None);

    private string LocalityName(string code) => Localities.FirstOrDefault(l => l.Code == code)?.DisplayName(English) ?? code;

    private void OnStatusChanged(string status) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("status", status.Length == 0 ? null : status));

    private void OnLocalityChanged(string locality) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("locality", locality.Length == 0 ? null : locality));

    private void OnChanged(string locality)
    {
        if (Locality is null || Locality == locality)
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
