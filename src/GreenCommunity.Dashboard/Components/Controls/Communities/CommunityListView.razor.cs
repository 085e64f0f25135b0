using GreenCommunity.Dashboard.Communities;
using GreenCommunity.Data.Communities;
using GreenCommunity.Data.Reference;
using GreenCommunity.Domain.Regions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Controls.Communities;

/// <summary>
/// The community list of a locality or the province. The address is the list's state: the filters, the sort and the page
/// are read from it (so a shared link opens the same list) and written back to it, replacing the entry, on every change.
/// </summary>
public sealed partial class CommunityListView : IDisposable
{
    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required RegionQueries RegionQueries { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.CommunityList> Localizer { get; init; }

    /// <summary>A prefecture-level code; null for the province.</summary>
    [Parameter]
    public string? Locality { get; set; }

    private CommunityListParameters _parameters = CommunityListParameters.Default;
    private IReadOnlyList<Region> _regions = [];
    private List<string> _addressProblems = [];
    private bool _unknownRegion;
    private bool _redirecting;
    private int? _pageAskedFor;
    private int _gridKey;
    private long _total;

    private string Path => Locality is null ? "/communities" : $"/locality/{Uri.EscapeDataString(Locality)}/communities";

    private string Heading
    {
        get
        {
            var region = Locality is null
                ? _regions.FirstOrDefault(r => r.IsRoot)
                : _regions.FirstOrDefault(r => r.Code == Locality && r.Level == RegionLevel.Prefecture);
            return region is null ? Localizer[nameof(Resources.CommunityList.Title)] : Localizer[nameof(Resources.CommunityList.TitleOf), RegionName(region)];
        }
    }

    private string DownloadHref => "/api/v1/communities?" + Join(_parameters.ToQuery(withLocality: true, withPaging: false), "format=xlsx");

    protected override void OnInitialized() => Navigation.LocationChanged += OnLocationChanged;

    protected override async Task OnParametersSetAsync()
    {
        if (_regions.Count == 0)
        {
            _regions = await RegionQueries.GetAllAsync(CancellationToken.None);
        }
        if (DistrictsLocality() is { } locality)
        {
            // A district's code where a locality's belongs (a hand-written or old link): its locality's list, filtered to it.
            _redirecting = true;
            var query = (ReadParameters(out _) with { Page = 1 }).ToQuery();
            Navigation.NavigateTo(Join($"/locality/{Uri.EscapeDataString(locality)}/communities", Join($"county={Uri.EscapeDataString(Locality!)}", query), '?'), replace: true);
            return;
        }
        _redirecting = false;
        _unknownRegion = Locality is not null && !_regions.Any(r => r.Code == Locality && r.Level == RegionLevel.Prefecture);
        ReadAddress();
    }

    /// <summary>The prefecture-level locality of the county-level unit whose code is in the route, if it is one.</summary>
    private string? DistrictsLocality() =>
        Locality is null ? null
            : _regions.FirstOrDefault(r => r.Code == Locality && r.Level == RegionLevel.County) is { ParentCode: { } parent }
              && _regions.Any(r => r.Code == parent && r.Level == RegionLevel.Prefecture) ? parent : null;

    private CommunityListParameters ReadParameters(out Dictionary<string, string[]> errors)
    {
        var query = QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query);
        var read = CommunityListParameters.Parse(name => query.TryGetValue(name, out var v) ? v.ToString() : null, readLocality: false, out errors);
        return read with { Filter = read.Filter with { Locality = Locality } };
    }

    /// <summary>Takes the address's filters; a list whose address changed from outside (a link, back) is read again.</summary>
    private bool ReadAddress()
    {
        var read = ReadParameters(out var errors);
        _addressProblems = [.. errors.Keys];
        if (read.ToQuery(withLocality: true) == _parameters.ToQuery(withLocality: true) && _gridKey > 0)
        {
            return false;
        }
        _parameters = read;
        _gridKey++;
        return true;
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (!new Uri(e.Location).AbsolutePath.Equals(Path, StringComparison.Ordinal))
        {
            return;
        }
        _ = InvokeAsync(() =>
        {
            if (ReadAddress())
            {
                StateHasChanged();
            }
        });
    }

    private void FilterChangedAsync(CommunityListFilter filter)
    {
        _pageAskedFor = null;
        _parameters = _parameters with { Filter = filter with { Locality = Locality }, Page = 1 };
        _gridKey++;
        WriteAddress();
    }

    private void LocalityChanged(string? locality)
    {
        var filter = _parameters.Filter with { Locality = null, County = null, Town = null };
        var query = (_parameters with { Filter = filter, Page = 1 }).ToQuery();
        Navigation.NavigateTo(Join(locality is null ? "/communities" : $"/locality/{Uri.EscapeDataString(locality)}/communities", query, '?'));
    }

    /// <summary>The grid loaded a page: its page, size and sort go to the address; the total to the heading.</summary>
    private void GridLoadedAsync(CommunityGridLoad load)
    {
        _total = load.Total;
        if (load.Parameters.ToQuery() != _parameters.ToQuery())
        {
            _parameters = load.Parameters;
            WriteAddress();
        }
        StateHasChanged();
    }

    /// <summary>The address asked for a page past the last: the last page instead, in the address too, with a notice.</summary>
    private void BeyondLastPage(CommunityGridLoad last)
    {
        _pageAskedFor = _parameters.Page;
        _total = last.Total;
        _parameters = last.Parameters;
        _gridKey++;
        WriteAddress();
        StateHasChanged();
    }

    private void WriteAddress() => Navigation.NavigateTo(Join(Path, _parameters.ToQuery(), '?'), replace: true);

    private static string Join(string left, string right, char separator = '&') =>
        right.Length == 0 ? left : left.Length == 0 ? right : left + separator + right;

    private static string RegionName(Region region) =>
        System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? region.Name : region.NameEn;

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;
}
