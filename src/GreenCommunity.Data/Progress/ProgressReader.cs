using GreenCommunity.Data.Reference;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Data.Progress;

/// <summary>The province's progress tree on any day; today's comes from the current-state table.</summary>
public sealed class ProgressReader(ProgressQueries queries, RegionQueries regionQueries, TimeProvider clock)
{
    private IReadOnlyList<Region>? _regions;

    public DateOnly Today => ChinaTime.DateAt(clock.GetUtcNow());

    public async Task<IReadOnlyList<Region>> GetRegionsAsync(CancellationToken cancellationToken) =>
        _regions ??= await regionQueries.GetAllAsync(cancellationToken).ConfigureAwait(false);

    public async Task<RegionProgress> GetProvinceAsync(DateOnly? asOf, CancellationToken cancellationToken)
    {
        var regions = await GetRegionsAsync(cancellationToken).ConfigureAwait(false);
        // Effective dates never lie after the day of receipt, so from today on the present is the answer.
        var byCounty = asOf is null || asOf >= Today
            ? await queries.GetCurrentByCountyAsync(cancellationToken).ConfigureAwait(false)
            : await queries.GetByCountyAsOfAsync(asOf.Value, cancellationToken).ConfigureAwait(false);
        return ProgressTree.Build(regions, byCounty);
    }
}
