using System.Globalization;
using System.Security.Claims;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Data.Inspections;
using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Regions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GreenCommunity.Dashboard.Components.Pages.Inspections;

/// <summary>
/// The list of unannounced inspections, filtered by locality, open findings and discrepancies (in the address, so a
/// link such as the overview card's opens it filtered); a coordinator's own locality first; the province's record form.
/// </summary>
public sealed partial class InspectionsPage : IDisposable
{
    private readonly CancellationTokenSource _leaving = new();

    [Inject]
    public required InspectionQueries Queries { get; init; }

    [Inject]
    public required ProgressReader Progress { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [SupplyParameterFromQuery(Name = "locality")]
    public string? Locality { get; set; }

    // Text, not bool: a hand-typed ?open=yes must not fail the page; only "true" filters.
    [SupplyParameterFromQuery(Name = "open")]
    public string? Open { get; set; }

    [SupplyParameterFromQuery(Name = "discrepancy")]
    public string? Discrepancy { get; set; }

    private bool OpenOnly => Open == "true";

    private bool DiscrepancyOnly => Discrepancy == "true";

    private IReadOnlyList<Region> Localities { get; set; } = [];

    private IReadOnlyList<InspectionView>? Items { get; set; }

    private string? OwnLocality { get; set; }

    /// <summary>The province records visits (the service checks again).</summary>
    private bool MayRecord { get; set; }

    private static bool English => DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture);

    protected override async Task OnInitializedAsync()
    {
        Localities = [.. (await Progress.GetRegionsAsync(_leaving.Token)).Where(r => r.Level == RegionLevel.Prefecture)];
        var user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        MayRecord = user.ReportingScope()?.IsProvince == true;
        OwnLocality = user.IsInRole(DashboardRoles.Coordinator) ? user.FindFirst(DashboardClaims.Locality)?.Value : null;
    }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        // An address with a code that is not a locality's lists nothing rather than everything.
        var region = string.IsNullOrEmpty(Locality) ? null : Locality;
        var items = await Queries.ListAsync(new InspectionFilter(region, OpenOnly: OpenOnly, DiscrepancyOnly: DiscrepancyOnly), _leaving.Token);
        // A coordinator sees its own locality's first (the order within each part stays latest visit first).
        Items = OwnLocality is null ? items : [.. items.OrderBy(i => i.Locality == OwnLocality ? 0 : 1)];
    }

    private string LocalityName(string code) => Localities.FirstOrDefault(l => l.Code == code)?.DisplayName(English) ?? code;

    private void OnLocalityChanged(ChangeEventArgs e) => Go(e.Value as string, OpenOnly, DiscrepancyOnly);

    private void OnOpenChanged(ChangeEventArgs e) => Go(Locality, e.Value is true, DiscrepancyOnly);

    private void OnDiscrepancyChanged(ChangeEventArgs e) => Go(Locality, OpenOnly, e.Value is true);

    private void Go(string? locality, bool open, bool discrepancy) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["locality"] = string.IsNullOrEmpty(locality) ? null : locality,
            ["open"] = open ? "true" : null,
            ["discrepancy"] = discrepancy ? "true" : null,
        }));

    private Task OnRecordedAsync(string inspectionId) => LoadAsync();

    public void Dispose()
    {
        _leaving.Cancel();
        _leaving.Dispose();
    }
}
