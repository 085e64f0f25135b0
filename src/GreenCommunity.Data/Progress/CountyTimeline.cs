using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Data.Progress;

/// <summary>One stage event as the timeline takes it: the community's county, its day as the store's ISO text, its id for the order within a day.</summary>
public readonly record struct TimelineEvent(string County, string Community, int Stage, string Day, long Id);

/// <summary>A county's figures from <see cref="Day"/> until its next row (a row of county_timeline).</summary>
public readonly record struct TimelineRow(string County, string Day, ProgressFigures Figures);

/// <summary>
/// The county timeline computed from the history, without I/O: per county a base row at <see cref="BaseDay"/> (every
/// community not started), then a row for each day on which the county's figures changed. The figures of a day are
/// those of the query that replays the history (ProgressQueries before the timeline): a community's stage is that of
/// its latest event with effective on or before the day, ordered by (effective, id); pilots ever are the communities
/// with a stage-1 event on or before the day.
/// </summary>
public static class CountyTimeline
{
    /// <summary>The base rows' day: before any event.</summary>
    public const string BaseDay = "0001-01-01";

    /// <summary>
    /// The rows of every county in <paramref name="communities"/> (county → its number of communities), in county then
    /// day order. Events of a county not in <paramref name="communities"/> are ignored; their order does not matter.
    /// </summary>
    public static IReadOnlyList<TimelineRow> Build(IReadOnlyDictionary<string, int> communities, IEnumerable<TimelineEvent> events)
    {
        var byCounty = events.Where(e => communities.ContainsKey(e.County))
            .GroupBy(e => e.County, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var rows = new List<TimelineRow>();
        foreach (var (county, size) in communities.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (size <= 0)
            {
                continue;
            }
            AddCounty(rows, county, size, byCounty.GetValueOrDefault(county) ?? []);
        }
        return rows;
    }

    private static void AddCounty(List<TimelineRow> rows, string county, int size, List<TimelineEvent> events)
    {
        events.Sort(static (a, b) => string.CompareOrdinal(a.Day, b.Day) is var byDay and not 0 ? byDay : a.Id.CompareTo(b.Id));
        rows.Add(new TimelineRow(county, BaseDay, new ProgressFigures(size, size, 0, 0, 0, 0)));
        var stages = new Dictionary<string, int>(StringComparer.Ordinal);
        var pilots = new HashSet<string>(StringComparer.Ordinal);
        Span<int> count = stackalloc int[4];
        count[0] = size;
        for (var i = 0; i < events.Count;)
        {
            var day = events[i].Day;
            for (; i < events.Count && events[i].Day == day; i++)
            {
                var e = events[i];
                var was = stages.TryGetValue(e.Community, out var stage) ? stage : 0;   // later (effective, id) replaces earlier
                stages[e.Community] = e.Stage;
                count[was]--;
                count[e.Stage]++;
                if (e.Stage == 1)
                {
                    pilots.Add(e.Community);
                }
            }
            var figures = new ProgressFigures(size, count[0], count[1], count[2], count[3], pilots.Count);
            var last = rows[^1];
            if (figures == last.Figures)
            {
                continue;   // the day changed nothing the county counts
            }
            if (string.Equals(last.Day, day, StringComparison.Ordinal))
            {
                rows[^1] = last with { Figures = figures };   // an event on the base day itself
            }
            else
            {
                rows.Add(new TimelineRow(county, day, figures));
            }
        }
    }
}
