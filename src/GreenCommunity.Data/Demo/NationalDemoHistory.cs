using System.Data.Common;
using System.Globalization;
using Dapper;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Demo;

/// <summary>What the national demo history wrote.</summary>
public sealed record NationalDemoCounts(int Reports, int StageEvents, int Assessments, int CommunitiesStarted, int CommunitiesAccepted);

/// <summary>
/// Writes the national demo history (<see cref="NationalDemoPlan"/>) for every prefecture-level unit of the store
/// straight into the history tables, in bulk, in one write transaction: the reports (ids, report ids, receipt and
/// deadline texts, on_time, applied and the body in the API's canonical shape, as <c>ReportWriter</c> stores them), their
/// stage events and criterion assessments, and the present (<c>community_state</c> with the community list's columns,
/// <c>community_criteria</c>) exactly as the intake leaves it after those reports (<see cref="NationalHistoryRows"/>), and
/// the county timeline of every county (<see cref="CountyTimelineSql"/>) and with it every region's.
/// On SQLite one prepared statement per table, on PostgreSQL binary COPY, then the identity sequences moved past the
/// ids written. The store must hold reference data and no history yet.
/// </summary>
public sealed class NationalDemoHistory(StoreDatabase database, Campaign campaign, TimeProvider clock)
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffzzz";

    private const string LocalitiesSql =
        """
        SELECT r.code AS Code, r.name AS Name, COALESCE(p.name, '') AS Province
          FROM regions r LEFT JOIN regions p ON p.code = r.parent_code AND p.level = 1
         WHERE r.level = 2
         ORDER BY r.code
        """;

    private const string CommunitiesSql = "SELECT code AS Code, locality_code AS Locality FROM communities ORDER BY code";

    private const string HistorySql =
        """
        SELECT (SELECT COUNT(*) FROM reports) AS Reports,
               (SELECT COUNT(*) FROM stage_events) AS StageEvents,
               (SELECT COUNT(*) FROM criterion_assessments) AS Assessments,
               (SELECT COUNT(*) FROM community_state WHERE stage <> 0 OR pilot <> 0 OR last_report IS NOT NULL) AS Moved
        """;

    private const string SqliteStateTableSql =
        """
        CREATE TEMP TABLE national_state (community_code TEXT PRIMARY KEY, stage INTEGER NOT NULL, pilot INTEGER NOT NULL, effective TEXT,
            event_id INTEGER, criteria_met INTEGER NOT NULL, met_mask INTEGER NOT NULL, c12 REAL, last_report INTEGER, last_change TEXT)
        """;

    private const string PostgresStateTableSql =
        """
        CREATE TEMP TABLE national_state (community_code TEXT PRIMARY KEY, stage BIGINT NOT NULL, pilot BIGINT NOT NULL, effective TEXT,
            event_id BIGINT, criteria_met BIGINT NOT NULL, met_mask BIGINT NOT NULL, c12 DOUBLE PRECISION, last_report BIGINT, last_change TEXT) ON COMMIT DROP
        """;

    private const string UpdateStateSql =
        """
        UPDATE community_state AS s
           SET stage = n.stage, pilot = n.pilot, effective = n.effective, event_id = n.event_id, criteria_met = n.criteria_met,
               met_mask = n.met_mask, c12 = n.c12, last_report = n.last_report, last_change = n.last_change
          FROM national_state AS n
         WHERE n.community_code = s.community_code
        """;

    /// <summary>The tables whose ids the bulk rows gave: PostgreSQL's identity sequences continue after them.</summary>
    private const string SequencesSql =
        """
        SELECT setval(pg_get_serial_sequence('reports', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM reports;
        SELECT setval(pg_get_serial_sequence('stage_events', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM stage_events;
        SELECT setval(pg_get_serial_sequence('criterion_assessments', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM criterion_assessments;
        """;

    private static readonly (string, BulkType)[] s_reportColumns =
    [
        ("id", BulkType.Integer), ("report_id", BulkType.Text), ("locality_code", BulkType.Text), ("kind", BulkType.Text), ("period", BulkType.Text),
        ("submitted_by", BulkType.Text), ("submitter_scope", BulkType.Text), ("narrative", BulkType.Text), ("received_at", BulkType.Text),
        ("deadline", BulkType.Text), ("on_time", BulkType.Integer), ("applied", BulkType.Integer), ("body", BulkType.Text),
    ];

    private static readonly (string, BulkType)[] s_eventColumns =
        [("id", BulkType.Integer), ("community_code", BulkType.Text), ("stage", BulkType.Integer), ("effective", BulkType.Text), ("report", BulkType.Integer)];

    private static readonly (string, BulkType)[] s_assessmentColumns =
    [
        ("id", BulkType.Integer), ("community_code", BulkType.Text), ("criterion", BulkType.Integer), ("value", BulkType.Real), ("met", BulkType.Integer),
        ("effective", BulkType.Text), ("report", BulkType.Integer),
    ];

    private static readonly (string, BulkType)[] s_criteriaColumns =
    [
        ("community_code", BulkType.Text), ("criterion", BulkType.Integer), ("value", BulkType.Real), ("met", BulkType.Integer), ("effective", BulkType.Text),
        ("assessment_id", BulkType.Integer),
    ];

    private static readonly (string, BulkType)[] s_stateColumns =
    [
        ("community_code", BulkType.Text), ("stage", BulkType.Integer), ("pilot", BulkType.Integer), ("effective", BulkType.Text), ("event_id", BulkType.Integer),
        ("criteria_met", BulkType.Integer), ("met_mask", BulkType.Integer), ("c12", BulkType.Real), ("last_report", BulkType.Integer), ("last_change", BulkType.Text),
    ];

    /// <summary>The prefecture-level units of the store with their communities, as the plan takes them.</summary>
    public async Task<IReadOnlyList<NationalDemoLocality>> ReadLocalitiesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var localities = await connection.QueryAsync<(string Code, string Name, string Province)>(new CommandDefinition(LocalitiesSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var communities = (await connection.QueryAsync<(string Code, string Locality)>(new CommandDefinition(CommunitiesSql, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToLookup(c => c.Locality, c => c.Code, StringComparer.Ordinal);
        return localities.Select(l => new NationalDemoLocality(l.Code, l.Name, l.Province, communities[l.Code].ToList())).ToList();
    }

    /// <summary>Plans the history up to now for <paramref name="seed"/> and writes it; refuses, writing nothing, a store without communities or with a history.</summary>
    public async Task<NationalDemoCounts> WriteAsync(int seed, CancellationToken cancellationToken)
    {
        var localities = await ReadLocalitiesAsync(cancellationToken).ConfigureAwait(false);
        var index = localities.SelectMany(l => l.Communities.Select(c => (Code: c, Locality: l.Code))).OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select((c, i) => (c.Code, c.Locality, Index: i)).ToDictionary(c => c.Code, c => (c.Index, c.Locality), StringComparer.Ordinal);
        if (index.Count == 0)
        {
            throw new InvalidOperationException($"The store {database.Location} has no communities in prefecture-level units: load the reference data first.");
        }
        var plan = NationalDemoPlan.Create(localities, campaign, seed, clock.GetUtcNow());
        var rows = NationalHistoryRows.Build(plan, campaign, index);

        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var transaction = await database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            var history = await connection.QuerySingleAsync<(long Reports, long StageEvents, long Assessments, long Moved)>(
                new CommandDefinition(HistorySql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (history.Reports + history.StageEvents + history.Assessments + history.Moved > 0)
            {
                throw new InvalidOperationException(
                    $"The store {database.Location} already has a history ({history.Reports} reports, {history.StageEvents} stage events, {history.Assessments} criterion assessments, "
                    + $"{history.Moved} communities not in their first state); the national demo history is written into a store without one only.");
            }
            await WriteReportsAsync(connection, transaction, plan, rows, cancellationToken).ConfigureAwait(false);
            await WriteHistoryAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
            await WritePresentAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
            await CountyTimelineSql.RebuildAllAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (database.Engine == StoreEngine.Postgres)
            {
                await connection.ExecuteAsync(new CommandDefinition(SequencesSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            await PlannerStatistics.RefreshAsync(connection, cancellationToken).ConfigureAwait(false);   // the tables just filled
        }
        return new NationalDemoCounts(plan.Count, rows.Events.Count, rows.Assessments.Count,
            rows.Stage.Count(s => s != 0), rows.Stage.Count(s => s == (byte)Domain.Communities.Stage.Accepted));
    }

    private async Task WriteReportsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PlannedReport> plan, NationalHistoryRows rows, CancellationToken cancellationToken)
    {
        await using var reports = await BulkRows.OpenAsync(connection, transaction, "reports", s_reportColumns, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < plan.Count; i++)
        {
            var (report, receivedAt) = (plan[i].Report, plan[i].ReceivedAt);
            reports.Integer(i + 1L).Text(plan[i].ReportId).Text(report.Locality).Text(report.Kind.ToApiName()).Text(report.Period.ToString())
                .Text(report.SubmittedBy).Text(plan[i].Scope.LocalityCode ?? "province").Text(report.Narrative)
                .Text(Instant(receivedAt.ToUniversalTime())).Text(Instant(campaign.DeadlineFor(report.Kind, report.Period)))
                .Integer(campaign.IsOnTime(report.Kind, report.Period, receivedAt) ? 1 : 0).Integer(rows.Applied[i]).Text(ReportJson.Serialize(report));
            await reports.EndRowAsync(cancellationToken).ConfigureAwait(false);
        }
        await reports.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteHistoryAsync(DbConnection connection, DbTransaction transaction, NationalHistoryRows rows, CancellationToken cancellationToken)
    {
        var days = new DayTexts();
        await using (var events = await BulkRows.OpenAsync(connection, transaction, "stage_events", s_eventColumns, cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < rows.Events.Count; i++)
            {
                var e = rows.Events[i];
                events.Integer(i + 1L).Text(rows.Communities[e.Community]).Integer(e.Stage).Text(days[e.Day]).Integer(e.Report);
                await events.EndRowAsync(cancellationToken).ConfigureAwait(false);
            }
            await events.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await using var assessments = await BulkRows.OpenAsync(connection, transaction, "criterion_assessments", s_assessmentColumns, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < rows.Assessments.Count; i++)
        {
            var a = rows.Assessments[i];
            assessments.Integer(i + 1L).Text(rows.Communities[a.Community]).Integer(a.Criterion).Real(a.Value).Integer(a.Met ? 1 : 0).Text(days[a.Day]).Integer(a.Report);
            await assessments.EndRowAsync(cancellationToken).ConfigureAwait(false);
        }
        await assessments.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>community_criteria row by row, then community_state through a temporary table and one UPDATE.</summary>
    private static async Task WritePresentAsync(DbConnection connection, DbTransaction transaction, NationalHistoryRows rows, CancellationToken cancellationToken)
    {
        var days = new DayTexts();
        var postgres = StoreSql.EngineOf(connection) == StoreEngine.Postgres;
        await using (var criteria = await BulkRows.OpenAsync(connection, transaction, "community_criteria", s_criteriaColumns, cancellationToken).ConfigureAwait(false))
        {
            for (var c = 0; c < rows.Communities.Count; c++)
            {
                for (var number = 1; number <= Domain.Standard.GreenCommunityStandard.CriterionCount; number++)
                {
                    var slot = NationalHistoryRows.Slot(c, number);
                    if (double.IsNaN(rows.Value[slot]))
                    {
                        continue;
                    }
                    criteria.Text(rows.Communities[c]).Integer(number).Real(rows.Value[slot]).Integer(rows.Met[slot] ? 1 : 0)
                        .Text(days[rows.CriterionEffective[slot]]).Integer(rows.AssessmentId[slot]);
                    await criteria.EndRowAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            await criteria.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await connection.ExecuteAsync(new CommandDefinition(postgres ? PostgresStateTableSql : SqliteStateTableSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await using (var state = await BulkRows.OpenAsync(connection, transaction, "national_state", s_stateColumns, cancellationToken).ConfigureAwait(false))
        {
            for (var c = 0; c < rows.Communities.Count; c++)
            {
                if (rows.LastReport[c] == 0)
                {
                    continue;   // never named by a report: its first state stays
                }
                var (met, mask, c12) = rows.Recount(c);
                state.Text(rows.Communities[c]).Integer(rows.Stage[c]).Integer(rows.Pilot[c] ? 1 : 0).Text(days.OrNull(rows.Effective[c]))
                    .Integer(rows.EventId[c] == 0 ? null : rows.EventId[c]).Integer(met).Integer(mask).Real(c12).Integer(rows.LastReport[c]).Text(days.OrNull(rows.LastChange[c]));
                await state.EndRowAsync(cancellationToken).ConfigureAwait(false);
            }
            await state.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await connection.ExecuteAsync(new CommandDefinition(UpdateStateSql, transaction: transaction, commandTimeout: 600, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition("DROP TABLE temp.national_state", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    private static string Instant(DateTimeOffset instant) => instant.ToString(InstantFormat, CultureInfo.InvariantCulture);

    /// <summary>The ISO text of each day number, made once per day (a few thousand days for millions of rows).</summary>
    private sealed class DayTexts
    {
        private readonly Dictionary<int, string> _texts = [];

        public string this[int day] => _texts.TryGetValue(day, out var text) ? text : _texts[day] = IsoDay.Text(DateOnly.FromDayNumber(day));

        public string? OrNull(int day) => day < 0 ? null : this[day];
    }
}
