using System.Data.Common;
using System.Text.Json;
using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// Communities' states on days, read from the append-only history (later receipt wins a tie) for any number of
/// (community, day) pairs at once: two queries over one list, however long the report. SQLite reads the list as JSON;
/// PostgreSQL takes it as two arrays, whose length its planner knows (it guesses 100 rows for any JSON list, and for a
/// 3-update report then scanned every assessment: 52 ms against 0.2 ms by the community index, EXPLAIN ANALYZE on the
/// demo store, docs/PERFORMANCE.md).
/// </summary>
internal static class CommunityHistorySql
{
    private static string Wanted(StoreEngine engine) => engine == StoreEngine.Postgres
        ? """
          WITH wanted AS (
              SELECT CAST(w.item - 1 AS INTEGER) AS item, w.community, w.as_of
                FROM unnest(@communities, @days) WITH ORDINALITY AS w(community, as_of, item))
          """
        : """
          WITH wanted AS (
              SELECT CAST(j.key AS INTEGER) AS item, j.value ->> 0 AS community, j.value ->> 1 AS as_of
                FROM json_each(@wanted) AS j)
          """;

    private static readonly EngineText s_stagesSql = new(engine =>
        $"""
        {Wanted(engine)}
        SELECT w.item AS Item,
               (SELECT e.stage FROM stage_events e
                 WHERE e.community_code = w.community AND e.effective <= w.as_of
                 ORDER BY e.effective DESC, e.id DESC LIMIT 1) AS Stage,
               CASE WHEN EXISTS (SELECT 1 FROM stage_events e
                 WHERE e.community_code = w.community AND e.effective <= w.as_of AND e.stage = 1) THEN 1 ELSE 0 END AS WasPilot
          FROM wanted w
        """);

    private static readonly EngineText s_criteriaSql = new(engine =>
        $"""
        {Wanted(engine)}
        SELECT Item, Criterion, Value FROM (
            SELECT w.item AS Item, a.criterion AS Criterion, a.value AS Value,
                   ROW_NUMBER() OVER (PARTITION BY w.item, a.criterion ORDER BY a.effective DESC, a.id DESC) AS rn
              FROM wanted w JOIN criterion_assessments a ON a.community_code = w.community AND a.effective <= w.as_of) AS ranked
         WHERE rn = 1
        """);

    private static readonly IReadOnlyDictionary<int, double> s_none = new Dictionary<int, double>();

    /// <summary>Each community's stage, pilot past and criteria on its day, in the order asked.</summary>
    public static async Task<IReadOnlyList<CommunityState>> StatesAsOfAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<(string Community, DateOnly AsOf)> wanted, CancellationToken cancellationToken)
    {
        if (wanted.Count == 0)
        {
            return [];
        }
        var args = new DynamicParameters();
        AddArguments(args, StoreSql.EngineOf(connection), wanted);
        await using var read = await connection.QueryMultipleAsync(new CommandDefinition(Queries(StoreSql.EngineOf(connection)), args, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await ReadAsync(read, wanted.Count).ConfigureAwait(false);
    }

    /// <summary>The two queries over one list (<see cref="AddArguments"/>), for a command that may hold others before them: stages, then criteria.</summary>
    public static string Queries(StoreEngine engine) => $"{s_stagesSql.For(engine)};\n{s_criteriaSql.For(engine)}";

    /// <summary>The list the queries read: SQLite's as JSON, PostgreSQL's as two arrays.</summary>
    public static void AddArguments(DynamicParameters args, StoreEngine engine, IReadOnlyList<(string Community, DateOnly AsOf)> wanted)
    {
        if (engine == StoreEngine.Postgres)
        {
            args.Add("communities", wanted.Select(w => w.Community).ToArray());
            args.Add("days", wanted.Select(w => IsoDay.Text(w.AsOf)).ToArray());
        }
        else
        {
            args.Add("wanted", JsonSerializer.Serialize(wanted.Select(w => new[] { w.Community, IsoDay.Text(w.AsOf) })));
        }
    }

    /// <summary>Reads the queries' two result sets into the states of the <paramref name="count"/> pairs asked, in order.</summary>
    public static async Task<IReadOnlyList<CommunityState>> ReadAsync(SqlMapper.GridReader read, int count)
    {
        var stages = await read.ReadAsync<StageRow>().ConfigureAwait(false);
        var criteria = new Dictionary<int, double>[count];
        foreach (var row in await read.ReadAsync<CriterionRow>().ConfigureAwait(false))
        {
            (criteria[(int)row.Item] ??= new Dictionary<int, double>())[(int)row.Criterion] = row.Value;
        }
        var states = new CommunityState[count];
        foreach (var row in stages)
        {
            var item = (int)row.Item;
            states[item] = new CommunityState((Stage)(row.Stage ?? 0), row.WasPilot != 0, criteria[item] ?? s_none);
        }
        return states;
    }

    // Settable rows, not positional records: the columns are expressions, whose SQLite type Dapper cannot match to a
    // constructor before a first row is read (an empty answer would throw).
    private sealed class StageRow
    {
        public long Item { get; init; }

        public long? Stage { get; init; }

        public long WasPilot { get; init; }
    }

    private sealed class CriterionRow
    {
        public long Item { get; init; }

        public long Criterion { get; init; }

        public double Value { get; init; }
    }
}
