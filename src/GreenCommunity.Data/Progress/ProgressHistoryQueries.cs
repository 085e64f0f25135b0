using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Progress;

/// <summary>
/// Month-end figures over a span, for the charts: one pass over the stage events in order (a few thousand rows at
/// Hubei scale, a few hundred thousand nationally) rather than one history query per month.
/// </summary>
public sealed class ProgressHistoryQueries(StoreDatabase database)
{
    private const string EventsSql =
        """
        SELECT e.community_code AS Community, c.locality_code AS Locality, e.stage AS Stage, e.effective AS Effective
          FROM stage_events e JOIN communities c ON c.code = e.community_code
         WHERE e.effective <= @until
         ORDER BY e.effective, e.id
        """;

    private const string CommunitiesSql = "SELECT locality_code AS Locality, COUNT(*) AS Count FROM communities GROUP BY locality_code";

    /// <summary>
    /// For each month end from <paramref name="from"/> to <paramref name="until"/> (the last point is that day): the
    /// root's (<paramref name="rootCode"/>), each province's and each locality's counts. A province's key is its
    /// localities' first two digits and four zeros, so in a province's deployment it is the root itself.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<MonthlyPoint>>> MonthEndsAsync(DateOnly from, DateOnly until, string rootCode, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var events = (await connection.QueryAsync<EventRow>(new CommandDefinition(EventsSql, new { until }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        var sizes = (await connection.QueryAsync<(string Locality, long Count)>(new CommandDefinition(CommunitiesSql, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(r => r.Locality, r => (int)r.Count, StringComparer.Ordinal);

        // Counts kept as the events pass (each event moves one community between stages), not recounted per month:
        // at national size that is a few hundred thousand events, not months × communities.
        var stages = new Dictionary<string, long>(StringComparer.Ordinal);
        var started = sizes.Keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        var accepted = sizes.Keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        var groups = sizes.Keys.GroupBy(ProvinceOf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        groups[rootCode] = [.. sizes.Keys];
        var series = sizes.Keys.Concat(groups.Keys).Distinct(StringComparer.Ordinal).ToDictionary(k => k, _ => new List<MonthlyPoint>(), StringComparer.Ordinal);
        var next = 0;
        foreach (var day in MonthEnds(from, until))
        {
            for (; next < events.Count && events[next].Effective <= day; next++)
            {
                var (community, locality, stage) = (events[next].Community, events[next].Locality, events[next].Stage);
                var was = stages.GetValueOrDefault(community);   // later events replace earlier ones
                stages[community] = stage;
                started[locality] += (stage > 0 ? 1 : 0) - (was > 0 ? 1 : 0);
                accepted[locality] += (stage == 3 ? 1 : 0) - (was == 3 ? 1 : 0);
            }
            foreach (var (locality, size) in sizes)
            {
                series[locality].Add(new MonthlyPoint(day, size, started[locality], accepted[locality]));
            }
            foreach (var (group, localities) in groups)
            {
                series[group].Add(new MonthlyPoint(day, localities.Sum(l => sizes[l]), localities.Sum(l => started[l]), localities.Sum(l => accepted[l])));
            }
        }
        return series.ToDictionary(s => s.Key, s => (IReadOnlyList<MonthlyPoint>)s.Value, StringComparer.Ordinal);
    }

    private static string ProvinceOf(string locality) => string.Concat(locality.AsSpan(0, 2), "0000");

    /// <summary>The last day of each month from a month to a day; the final point is the day itself.</summary>
    public static IEnumerable<DateOnly> MonthEnds(DateOnly from, DateOnly until)
    {
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= until; month = month.AddMonths(1))
        {
            var end = month.AddMonths(1).AddDays(-1);
            yield return end < until ? end : until;
        }
    }

    private sealed record EventRow(string Community, string Locality, long Stage, DateOnly Effective);
}
