using GreenCommunity.Data.Reference;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Data.Progress;

/// <summary>The province's progress tree on any day; today's comes from the current-state table.</summary>
public sealed class ProgressReader(ProgressQueries queries, RegionQueries regionQueries, PresentDay present)
{
    private IReadOnlyList<Region>? _regions;

    public DateOnly Today => present.Today;

    public async Task<IReadOnlyList<Region>> GetRegionsAsync(CancellationToken cancellationToken) =>
        _regions ??= await regionQueries.GetAllAsync(cancellationToken).ConfigureAwait(false);

    public async Task<RegionProgress> GetProvinceAsync(DateOnly? asOf, CancellationToken cancellationToken)
    {
        var regions = await GetRegionsAsync(cancellationToken).ConfigureAwait(false);
        var byCounty = asOf is { } day && !present.IsPresent(day)
            ? await queries.GetByCountyAsOfAsync(day, cancellationToken).ConfigureAwait(false)
            : await queries.GetCurrentByCountyAsync(cancellationToken).ConfigureAwait(false);
        return ProgressTree.Build(regions, byCounty);
    }
}
