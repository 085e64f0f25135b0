using GreenCommunity.Dashboard.Maps;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Standard;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Dashboard.LiveView;

/// <summary>
/// Builds snapshots from the store, keeping what does not change between reports: the month ends before this
/// month, the trees of milestone days already past, the map outlines. A report effective on an earlier day drops
/// exactly the kept parts from that day on (<see cref="ForgetFrom"/>).
/// </summary>
public sealed class SnapshotBuilder(SnapshotReader reader)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<DateOnly, Task<RegionProgress>> _dueTrees = [];
    private Task<IReadOnlyDictionary<string, MapLayer>>? _layers;
    private (DateOnly Month, IReadOnlyDictionary<string, IReadOnlyList<MonthlyPoint>> Points)? _seriesBeforeMonth;

    public DateOnly Today => reader.Today;

    /// <summary>
    /// Today's snapshot. Subtrees (and the series) whose figures equal <paramref name="previous"/>'s are its very objects.
    /// With <paramref name="touched"/> (the localities whose communities changed since <paramref name="previous"/>, of
    /// the same day), only their heat-map cells are read again: the heat map is most of a recomputation's cost.
    /// </summary>
    public async Task<ProgressSnapshot> TodayAsync(ProgressSnapshot? previous, IReadOnlyCollection<string>? touched, CancellationToken cancellationToken)
    {
        var today = Today;
        var tree = await reader.TreeAsync(today, cancellationToken);
        if (previous is not null)
        {
            tree = ProgressTree.Reuse(previous.Province, tree);
        }
        var sameDay = previous is not null && previous.Day == today;
        var shares = sameDay && touched is not null
            ? Merge(previous!.Shares, previous.Province, touched, await reader.SharesOfAsync(today, touched, cancellationToken))
            : await reader.SharesAsync(today, cancellationToken);
        var reporting = await reader.ReportingAsync(today, tree, cancellationToken);
        return await BuildAsync(today, tree,
            series: sameDay && ReferenceEquals(previous!.Province, tree) ? previous.Series : await TodaySeriesAsync(today, tree, cancellationToken),
            shares: sameDay && SameEntries(previous!.Shares, shares) ? previous.Shares : shares,
            reporting: sameDay && SameEntries(previous!.Reporting, reporting) ? previous.Reporting : reporting, cancellationToken);
    }

    /// <summary>A past day's snapshot, from the history.</summary>
    public async Task<ProgressSnapshot> PastAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var tree = await reader.TreeAsync(day, cancellationToken);
        return await BuildAsync(day, tree,
            series: await reader.MonthEndsAsync(day, cancellationToken),
            shares: await reader.SharesAsync(day, cancellationToken),
            reporting: await reader.ReportingAsync(day, tree, cancellationToken), cancellationToken);
    }

    private async Task<ProgressSnapshot> BuildAsync(DateOnly day, RegionProgress tree,
        IReadOnlyDictionary<string, IReadOnlyList<MonthlyPoint>> series, IReadOnlyDictionary<(string Region, int Criterion), CriterionShare> shares,
        IReadOnlyDictionary<string, ReportingStatus> reporting, CancellationToken cancellationToken) => new()
        {
            Day = day,
            Campaign = reader.Campaign,
            Province = tree,
            Judged = await JudgedAsync(day, tree, cancellationToken),
            Series = series,
            Shares = shares,
            Reporting = reporting,
            Layers = await LayersAsync(),
        };

    /// <summary>The previous cells with those of the touched localities (and of all their county-level units) replaced by the fresh ones.</summary>
    private static Dictionary<(string Region, int Criterion), CriterionShare> Merge(IReadOnlyDictionary<(string Region, int Criterion), CriterionShare> previous,
        RegionProgress province, IReadOnlyCollection<string> touched, IReadOnlyDictionary<(string Region, int Criterion), CriterionShare> fresh)
    {
        var stale = province.Localities().Where(l => touched.Contains(l.Region.Code))
            .SelectMany(l => l.Children.Select(c => c.Region.Code).Append(l.Region.Code))
            .ToHashSet(StringComparer.Ordinal);
        var cells = previous.Where(c => !stale.Contains(c.Key.Region)).ToDictionary(c => c.Key, c => c.Value);
        foreach (var (key, cell) in fresh)
        {
            cells[key] = cell;
        }
        return cells;
    }

    /// <summary>Unchanged parts are handed on as the previous objects, so that pages tell "unchanged" by reference.</summary>
    private static bool SameEntries<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> previous, IReadOnlyDictionary<TKey, TValue> next) =>
        previous.Count == next.Count && next.All(e => previous.TryGetValue(e.Key, out var value) && Equals(value, e.Value));

    /// <summary>Drops what was kept for days on or after <paramref name="from"/>: a report effective then changed their figures.</summary>
    public void ForgetFrom(DateOnly from)
    {
        lock (_lock)
        {
            foreach (var day in _dueTrees.Keys.Where(d => d >= from).ToList())
            {
                _dueTrees.Remove(day);
            }
            if (_seriesBeforeMonth is { } series && from < series.Month)
            {
                _seriesBeforeMonth = null;
            }
        }
    }

    /// <summary>Each milestone on the figures of its due day once that has passed (kept), else on the day's.</summary>
    private async Task<IReadOnlyDictionary<MilestoneKind, RegionProgress>> JudgedAsync(DateOnly day, RegionProgress tree, CancellationToken cancellationToken)
    {
        var judged = new Dictionary<MilestoneKind, RegionProgress>();
        foreach (var milestone in reader.Campaign.Milestones.DistinctBy(m => m.Kind))
        {
            judged[milestone.Kind] = milestone.Due >= day ? tree : await DueTreeAsync(milestone.Due).WaitAsync(cancellationToken);
        }
        return judged;
    }

    private async Task<RegionProgress> DueTreeAsync(DateOnly due)
    {
        Task<RegionProgress> tree;
        lock (_lock)
        {
            if (!_dueTrees.TryGetValue(due, out tree!))
            {
                _dueTrees[due] = tree = reader.TreeAsync(due, CancellationToken.None);   // shared: no one caller's token
            }
        }
        try
        {
            return await tree;
        }
        catch (Exception) when (tree.IsFaulted)
        {
            lock (_lock)
            {
                if (_dueTrees.TryGetValue(due, out var cached) && cached == tree)
                {
                    _dueTrees.Remove(due);
                }
            }
            throw;
        }
    }

    /// <summary>Month ends before this month are kept; today's point is today's tree (every change is effective by today).</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<MonthlyPoint>>> TodaySeriesAsync(DateOnly today, RegionProgress tree, CancellationToken cancellationToken)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        IReadOnlyDictionary<string, IReadOnlyList<MonthlyPoint>>? before;
        lock (_lock)
        {
            before = _seriesBeforeMonth is { } kept && kept.Month == month ? kept.Points : null;
        }
        if (before is null)
        {
            before = await reader.MonthEndsAsync(month.AddDays(-1), cancellationToken);
            lock (_lock)
            {
                _seriesBeforeMonth = (month, before);
            }
        }
        var series = new Dictionary<string, IReadOnlyList<MonthlyPoint>>(StringComparer.Ordinal);
        foreach (var region in tree.DownTo(RegionLevel.Prefecture))
        {
            var f = region.Figures;
            series[region.Region.Code] = [.. before.GetValueOrDefault(region.Region.Code) ?? [], new MonthlyPoint(today, f.Communities, f.Started, f.Accepted)];
        }
        return series;
    }

    private Task<IReadOnlyDictionary<string, MapLayer>> LayersAsync()
    {
        lock (_lock)
        {
            return _layers ??= reader.LayersAsync(CancellationToken.None);
        }
    }
}
