using System.Collections.Concurrent;
using GreenCommunity.Dashboard.Maps;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Standard;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Dashboard.LiveView;

/// <summary>
/// Everything the screens show for one day, read from the store once and shared by every open page: immutable,
/// so that a page holds a reference to it rather than a copy. Derived views (a region's overview, a map colouring)
/// are computed on first use and kept here, once for all pages.
/// </summary>
public sealed class ProgressSnapshot
{
    private readonly ConcurrentDictionary<object, Lazy<object>> _derived = new();

    /// <summary>The day the figures are for (today for the live snapshot).</summary>
    public required DateOnly Day { get; init; }

    public required Campaign Campaign { get; init; }

    /// <summary>The province's tree on <see cref="Day"/>: localities, their county-level units, figures at each level.</summary>
    public required RegionProgress Province { get; init; }

    /// <summary>The tree each milestone is judged on: its due day's once that has passed, else <see cref="Province"/>.</summary>
    public required IReadOnlyDictionary<MilestoneKind, RegionProgress> Judged { get; init; }

    /// <summary>Month-end figures from the campaign's start up to <see cref="Day"/>, per locality and for the province.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<MonthlyPoint>> Series { get; init; }

    /// <summary>The standard's heat map: (locality or county-level code, criterion) → share of started communities meeting it.</summary>
    public required IReadOnlyDictionary<(string Region, int Criterion), CriterionShare> Shares { get; init; }

    /// <summary>This month's report of each locality as it stood at the end of <see cref="Day"/>.</summary>
    public required IReadOnlyDictionary<string, ReportingStatus> Reporting { get; init; }

    /// <summary>Map outlines: the province's localities (under the province code) and each locality's county-level units.</summary>
    public required IReadOnlyDictionary<string, MapLayer> Layers { get; init; }

    /// <summary>
    /// A view derived from this snapshot, computed once whatever the number of pages asking. The key must name
    /// everything the view depends on besides the snapshot (the region, the metric, the language).
    /// </summary>
    public T Derived<T>(object key, Func<ProgressSnapshot, T> build) where T : class =>
        (T)_derived.GetOrAdd(key, static (_, state) => new Lazy<object>(() => state.build(state.snapshot)), (build, snapshot: this)).Value;
}
