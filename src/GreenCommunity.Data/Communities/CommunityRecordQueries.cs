using System.Text.Json;
using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Data.Communities;

/// <summary>
/// A community's record for its page, from the append-only history up to a day (by effective day, as every figure
/// on a day is): each criterion's assessments with the report behind each, and every report that touched it.
/// </summary>
public sealed class CommunityRecordQueries(StoreDatabase database)
{
    // Receipt order breaks a tie on the same effective day: the later receipt comes last, so it is the one that stands.
    private const string CriterionHistorySql =
        """
        SELECT a.criterion AS Criterion, a.value AS Value, a.met AS Met, a.effective AS Effective,
               r.report_id AS ReportId, r.received_at AS ReceivedAt
          FROM criterion_assessments a JOIN reports r ON r.id = a.report
         WHERE a.community_code = @code AND a.effective <= @asOf
         ORDER BY a.criterion, a.effective, r.id, a.id
        """;

    // A report holds at most one update per community, so one effective day and at most one stage per report here.
    private const string ReportsTouchingSql =
        """
        WITH touched AS (
            SELECT report, effective, stage, 0 AS assessed FROM stage_events
             WHERE community_code = @code AND effective <= @asOf
            UNION ALL
            SELECT report, effective, NULL, 1 FROM criterion_assessments
             WHERE community_code = @code AND effective <= @asOf)
        SELECT r.report_id AS ReportId, r.kind AS Kind, r.period AS Period, r.received_at AS ReceivedAt, r.deadline AS Deadline, r.on_time AS OnTime,
               r.submitter_scope = 'province' AS ByProvince, MIN(t.effective) AS Effective, MAX(t.stage) AS Stage,
               COUNT(*) FILTER (WHERE t.assessed = 1) AS CriteriaAssessed
          FROM touched t JOIN reports r ON r.id = t.report
         GROUP BY r.id
         ORDER BY MIN(t.effective), r.id
        """;

    private static readonly EngineText s_placesSql = new(engine =>
        $"""
        SELECT c.code AS Code, c.name AS Name, c.town_name AS Town,
               c.county_code AS CountyCode, county.name AS CountyName, county.name_en AS CountyNameEn,
               c.locality_code AS LocalityCode, locality.name AS LocalityName, locality.name_en AS LocalityNameEn
          FROM {StoreSql.JsonTexts(engine, "@codes", "wanted")}
          JOIN communities c ON c.code = wanted.value
          JOIN regions county ON county.code = c.county_code AND county.level = 3
          JOIN regions locality ON locality.code = c.locality_code AND locality.level = 2
        """);

    /// <summary>Every assessment of the community's criteria effective on or before the day, by criterion, then as they took effect.</summary>
    public async Task<IReadOnlyList<CriterionAssessment>> CriterionHistoryAsync(string code, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AssessmentRow>(new CommandDefinition(CriterionHistorySql, new { code, asOf }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new CriterionAssessment((int)r.Criterion, r.Value, r.Met != 0, r.Effective, r.ReportId, r.ReceivedAt)).ToList();
    }

    /// <summary>Every report with a stage event or an assessment of the community effective on or before the day, in the order they took effect.</summary>
    public async Task<IReadOnlyList<CommunityReportEntry>> ReportsTouchingAsync(string code, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<TouchRow>(new CommandDefinition(ReportsTouchingSql, new { code, asOf }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new CommunityReportEntry(r.ReportId, r.Kind, r.Period, r.ReceivedAt, r.Deadline, r.OnTime != 0, r.ByProvince != 0,
            r.Effective, r.Stage is { } stage ? (Stage)stage : null, (int)r.CriteriaAssessed)).ToList();
    }

    /// <summary>Where each of the communities is, in one query however many (a report may name thousands); unknown codes are left out.</summary>
    public async Task<IReadOnlyDictionary<string, CommunityPlace>> PlacesAsync(IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var wanted = codes.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<string, CommunityPlace>(StringComparer.Ordinal);
        }
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CommunityPlace>(new CommandDefinition(s_placesSql.For(connection),
            new { codes = JsonSerializer.Serialize(wanted) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(p => p.Code, StringComparer.Ordinal);
    }

    /// <summary>Where one community is; null when there is no community with that code.</summary>
    public async Task<CommunityPlace?> PlaceAsync(string code, CancellationToken cancellationToken) =>
        (await PlacesAsync([code], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(code);

    private sealed record AssessmentRow(long Criterion, double Value, long Met, DateOnly Effective, string ReportId, DateTimeOffset ReceivedAt);

    // Settable, not positional: Stage is an aggregate whose SQLite type Dapper cannot match to a constructor (see CommunityHistorySql).
    private sealed class TouchRow
    {
        public string ReportId { get; init; } = "";

        public string Kind { get; init; } = "";

        public string Period { get; init; } = "";

        public DateTimeOffset ReceivedAt { get; init; }

        public DateTimeOffset Deadline { get; init; }

        public long OnTime { get; init; }

        public long ByProvince { get; init; }

        public DateOnly Effective { get; init; }

        public long? Stage { get; init; }

        public long CriteriaAssessed { get; init; }
    }
}
