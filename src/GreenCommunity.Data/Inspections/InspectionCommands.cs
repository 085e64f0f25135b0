using System.Data.Common;
using Dapper;
using GreenCommunity.Domain.Inspections;

namespace GreenCommunity.Data.Inspections;

/// <summary>An inspection as it is about to be answered: its row, whose it is, when it was, and its findings.</summary>
public sealed record InspectionToAnswer(long Id, string Locality, DateOnly Date, IReadOnlyList<StoredFinding> Findings);

/// <summary>
/// The writes of unannounced inspections, each inside the caller's transaction (the one write path,
/// <see cref="Actions.ActionWriter"/>), so that what they read to decide is what they write over.
/// </summary>
public static class InspectionCommands
{
    private const string LocalityOfSql = "SELECT locality_code FROM communities WHERE code = @community";

    private const string InsertSql =
        """
        INSERT INTO inspections (inspection_id, community_code, locality_code, visited_on, inspectors, rectify_by, recorded_at, recorded_by)
        VALUES (@InspectionId, @Community, @Locality, @Date, @Inspectors, @RectifyBy, @At, @By)
        RETURNING id
        """;

    private const string InsertFindingSql =
        "INSERT INTO inspection_findings (inspection, criterion, met, note) VALUES (@Inspection, @Criterion, @Met, @Note)";

    private const string ToAnswerSql =
        "SELECT id AS Id, locality_code AS Locality, visited_on AS Date FROM inspections WHERE inspection_id = @inspectionId";

    private const string FindingsSql =
        "SELECT criterion AS Criterion, met AS Met, rectified_on AS RectifiedOn FROM inspection_findings WHERE inspection = @id ORDER BY criterion";

    private const string AnswerSql =
        """
        UPDATE inspection_findings
           SET rectified_on = @Date, rectification_note = @Note, answered_at = @At, answered_by = @By
         WHERE inspection = @Inspection AND criterion = @Criterion AND met = 0 AND rectified_on IS NULL
        """;

    /// <summary>The locality of a community; null when there is no such community.</summary>
    public static Task<string?> LocalityOfAsync(DbConnection connection, DbTransaction transaction, string community, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(LocalityOfSql, new { community }, transaction, cancellationToken: cancellationToken));

    /// <summary>Stores a visit and its findings.</summary>
    public static async Task RecordAsync(DbConnection connection, DbTransaction transaction, string inspectionId, InspectionVisit visit, string locality,
        DateTimeOffset at, string by, CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, new
        {
            InspectionId = inspectionId,
            visit.Community,
            Locality = locality,
            visit.Date,
            visit.Inspectors,
            visit.RectifyBy,
            At = at.ToUniversalTime(),
            By = by,
        }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(InsertFindingSql,
            visit.Findings.Select(f => new { Inspection = id, f.Criterion, Met = f.Met ? 1 : 0, f.Note }), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>An inspection with its findings as they stand; null when there is none with that id.</summary>
    public static async Task<InspectionToAnswer?> FindAsync(DbConnection connection, DbTransaction transaction, string inspectionId, CancellationToken cancellationToken)
    {
        var head = await connection.QuerySingleOrDefaultAsync<(long Id, string Locality, string Date)?>(
            new CommandDefinition(ToAnswerSql, new { inspectionId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (head is not { } found)
        {
            return null;
        }
        var findings = await connection.QueryAsync<(long Criterion, long Met, string? RectifiedOn)>(
            new CommandDefinition(FindingsSql, new { id = found.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new InspectionToAnswer(found.Id, found.Locality, ParseDay(found.Date),
            [.. findings.Select(f => new StoredFinding((int)f.Criterion, f.Met != 0, f.RectifiedOn is null ? null : ParseDay(f.RectifiedOn)))]);
    }

    /// <summary>Stores the locality's answers: each open finding named is rectified on its day.</summary>
    public static Task AnswerAsync(DbConnection connection, DbTransaction transaction, long inspection, IReadOnlyList<FindingAnswer> answers,
        DateTimeOffset at, string by, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(AnswerSql,
            answers.Select(a => new { Inspection = inspection, a.Criterion, a.Date, a.Note, At = at.ToUniversalTime(), By = by }),
            transaction, cancellationToken: cancellationToken));

    private static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, Domain.Campaigns.IsoDay.Format, System.Globalization.CultureInfo.InvariantCulture);
}
