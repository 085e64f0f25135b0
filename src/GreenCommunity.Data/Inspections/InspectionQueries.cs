using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Inspections;

namespace GreenCommunity.Data.Inspections;

/// <summary>
/// Reads unannounced inspections: a list by locality, community and openness, one by id, and the discrepancies (open
/// findings on communities accepted today). Open = a finding not met and not answered as rectified; overdue = open
/// past its rectify-by day in China.
/// </summary>
public sealed class InspectionQueries(StoreDatabase database, PresentDay present)
{
    private const string OpenFinding = "f.met = 0 AND f.rectified_on IS NULL";

    // The inspections that pass the filter (a CTE both the heads' and the findings' queries read).
    private const string MatchingCte =
        $"""
        matching AS (
            SELECT i.id FROM inspections i
              JOIN communities c ON c.code = i.community_code
              JOIN community_state s ON s.community_code = i.community_code
             WHERE (@region IS NULL OR c.locality_code = @region OR c.county_code = @region)
               AND (@community IS NULL OR i.community_code = @community)
               AND (@inspectionId IS NULL OR i.inspection_id = @inspectionId)
               AND (@openOnly = 0 OR EXISTS (SELECT 1 FROM inspection_findings f WHERE f.inspection = i.id AND {OpenFinding}))
               AND (@discrepancyOnly = 0 OR (s.stage = 3 AND EXISTS (SELECT 1 FROM inspection_findings f WHERE f.inspection = i.id AND {OpenFinding}))))
        """;

    private const string HeadsSql =
        $"""
        WITH {MatchingCte}
        SELECT i.id AS Id, i.inspection_id AS InspectionId, i.community_code AS Community, c.name AS CommunityName,
               i.locality_code AS Locality, s.stage AS Stage, i.visited_on AS Date, i.inspectors AS Inspectors,
               i.rectify_by AS RectifyBy, i.recorded_at AS RecordedAt, i.recorded_by AS RecordedBy
          FROM matching m
          JOIN inspections i ON i.id = m.id
          JOIN communities c ON c.code = i.community_code
          JOIN community_state s ON s.community_code = i.community_code
         ORDER BY i.visited_on DESC, i.id DESC
        """;

    private const string FindingsSql =
        $"""
        WITH {MatchingCte}
        SELECT f.inspection AS Inspection, f.criterion AS Criterion, f.met AS Met, f.note AS Note, f.rectified_on AS RectifiedOn,
               f.rectification_note AS RectificationNote, f.answered_at AS AnsweredAt, f.answered_by AS AnsweredBy
          FROM matching m
          JOIN inspection_findings f ON f.inspection = m.id
         ORDER BY f.inspection, f.criterion
        """;

    private const string DiscrepanciesSql =
        $"""
        SELECT c.code AS Community, c.name AS CommunityName, c.locality_code AS Locality, r.name AS County,
               f.criterion AS Criterion, i.inspection_id AS InspectionId, i.visited_on AS Date
          FROM inspection_findings f
          JOIN inspections i ON i.id = f.inspection
          JOIN communities c ON c.code = i.community_code
          JOIN community_state s ON s.community_code = c.code
          JOIN regions r ON r.code = c.county_code AND r.level = 3
         WHERE {OpenFinding} AND s.stage = 3
           AND (@region IS NULL OR c.locality_code = @region OR c.county_code = @region)
           AND (@criterion IS NULL OR f.criterion = @criterion)
         ORDER BY c.code, f.criterion, i.visited_on
        """;

    private const string DiscrepancyCountSql =
        $"""
        SELECT COUNT(DISTINCT i.community_code)
          FROM inspection_findings f
          JOIN inspections i ON i.id = f.inspection
          JOIN communities c ON c.code = i.community_code
          JOIN community_state s ON s.community_code = i.community_code
         WHERE {OpenFinding} AND s.stage = 3
           AND (@region IS NULL OR c.locality_code = @region OR c.county_code = @region)
        """;

    public DateOnly Today => present.Today;

    /// <summary>The inspections that pass the filter, latest visit first, with their findings and overdue days today.</summary>
    public async Task<IReadOnlyList<InspectionView>> ListAsync(InspectionFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, filter, null, present.Today, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One inspection; null when there is none with that id.</summary>
    public async Task<InspectionView?> GetAsync(string inspectionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(connection, null, inspectionId, present.Today, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One inspection, read inside a write's transaction (the answer a write sends back).</summary>
    public static async Task<InspectionView?> GetAsync(DbConnection connection, DbTransaction? transaction, string inspectionId, DateOnly today, CancellationToken cancellationToken) =>
        (await ReadAsync(connection, transaction, new InspectionFilter(), inspectionId, today, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>Open findings on accepted communities, in a locality or county-level unit (or all), on one criterion (or all).</summary>
    public async Task<IReadOnlyList<InspectionDiscrepancy>> DiscrepanciesAsync(string? region, int? criterion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DiscrepancyRow>(new CommandDefinition(DiscrepanciesSql, new { region, criterion }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new InspectionDiscrepancy(r.Community, r.CommunityName, r.Locality, r.County, (int)r.Criterion, r.InspectionId, Day(r.Date)))];
    }

    /// <summary>How many accepted communities have an open finding, in a locality or county-level unit (or all).</summary>
    public async Task<int> DiscrepancyCountAsync(string? region, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(DiscrepancyCountSql, new { region }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<InspectionView>> ReadAsync(DbConnection connection, DbTransaction? transaction, InspectionFilter filter, string? inspectionId, DateOnly today, CancellationToken cancellationToken)
    {
        var args = new
        {
            region = filter.Region,
            community = filter.Community,
            inspectionId,
            openOnly = filter.OpenOnly,
            discrepancyOnly = filter.DiscrepancyOnly,
        };
        var heads = await connection.QueryAsync<HeadRow>(new CommandDefinition(HeadsSql, args, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var findings = (await connection.QueryAsync<FindingRow>(new CommandDefinition(FindingsSql, args, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToLookup(f => f.Inspection);
        return [.. heads.Select(h => h.ToView(findings[h.Id].Select(f => f.ToView()).ToList(), today))];
    }

    private static DateOnly Day(string text) => IsoDay.TryParse(text, out var day) ? day : throw new FormatException($"Not a stored day: {text}");

    private static DateOnly? OptionalDay(string? text) => text is null ? null : Day(text);

    private sealed record HeadRow(long Id, string InspectionId, string Community, string CommunityName, string Locality, long Stage, string Date,
        string Inspectors, string? RectifyBy, string RecordedAt, string RecordedBy)
    {
        public InspectionView ToView(IReadOnlyList<FindingView> findings, DateOnly today)
        {
            var rectifyBy = OptionalDay(RectifyBy);
            return new InspectionView(InspectionId, Community, CommunityName, Locality, (Stage)Stage, Day(Date), Inspectors, rectifyBy,
                Instant(RecordedAt), RecordedBy, findings, InspectionRules.DaysOverdue(rectifyBy, findings.Any(f => f.Open), today));
        }
    }

    private sealed record FindingRow(long Inspection, long Criterion, long Met, string? Note, string? RectifiedOn, string? RectificationNote, string? AnsweredAt, string? AnsweredBy)
    {
        public FindingView ToView() => new((int)Criterion, Met != 0, Note, OptionalDay(RectifiedOn), RectificationNote,
            AnsweredAt is null ? null : Instant(AnsweredAt), AnsweredBy);
    }

    private sealed record DiscrepancyRow(string Community, string CommunityName, string Locality, string County, long Criterion, string InspectionId, string Date);

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);
}
