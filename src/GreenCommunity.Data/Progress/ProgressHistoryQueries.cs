using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Progress;

/// <summary>
/// Month-end figures over a span, for the charts: one pass over the stage events in order (a few thousand rows at
/// Hubei scale) rather than one history query per month.
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

    /// <summary>For each month end from <paramref name="from"/> to <paramref name="until"/> (the last point is that day): the province's and each locality's counts.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<MonthlyPoint>>> MonthEndsAsync(DateOnly from, DateOnly until, string provinceCode, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var events = (await connection.QueryAsync<EventRow>(new CommandDefinition(EventsSql, new { until }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        var sizes = (await connection.QueryAsync<(string Locality, long Count)>(new CommandDefinition(CommunitiesSql, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(r => r.Locality, r => (int)r.Count, StringComparer.Ordinal);

        var stages = new Dictionary<string, (string Locality, long Stage)>(StringComparer.Ordinal);
        var series = sizes.Keys.Append(provinceCode).ToDictionary(k => k, _ => new List<MonthlyPoint>(), StringComparer.Ordinal);
        var next = 0;
        foreach (var day in MonthEnds(from, until))
        {
            for (; next < events.Count && events[next].Effective <= day; next++)
            {
                stages[events[next].Community] = (events[next].Locality, events[next].Stage);   // later events replace earlier ones
            }
            var started = stages.Values.Where(s => s.Stage > 0).GroupBy(s => s.Locality).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var accepted = stages.Values.Where(s => s.Stage == 3).GroupBy(s => s.Locality).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var (locality, size) in sizes)
            {
                series[locality].Add(new MonthlyPoint(day, size, started.GetValueOrDefault(locality), accepted.GetValueOrDefault(locality)));
            }
            series[provinceCode].Add(new MonthlyPoint(day, sizes.Values.Sum(), started.Values.Sum(), accepted.Values.Sum()));
        }
        return series.ToDictionary(s => s.Key, s => (IReadOnlyList<MonthlyPoint>)s.Value, StringComparer.Ordinal);
    }

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
