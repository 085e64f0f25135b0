using System.Data.Common;
using GreenCommunity.Data.Reference;
using Npgsql;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// A large report's history on PostgreSQL: its stage events and assessments sent by binary COPY straight into
/// <c>stage_events</c> and <c>criterion_assessments</c>, then the present moved in one command that reads them back
/// from there (<see cref="ReportRowSource.PostgresAppended"/>). Writes what <see cref="ReportHistorySql"/>'s one command
/// writes, the same rows with the same ids. For 80,000 assessments the one command's JSON list was parsed twice (in
/// planning and again executing: 0.3 s of planning alone), where COPY hands the server typed rows.
/// </summary>
internal static class ReportHistoryCopy
{
    /// <summary>
    /// From how many rows (stage events and assessments) a report goes by COPY: below, the one command's single round
    /// trip wins (a COPY is two round trips per table, and a 3-update report is measured by its round trips).
    /// </summary>
    public const int FromRows = 2_000;

    /// <summary>The present's statements once the history is appended: as in <see cref="ReportHistorySql.Statements"/>, without the INSERTs, the present criteria merged.</summary>
    internal static IReadOnlyList<string> Statements { get; } =
    [
        CommunityListUpkeepSql.MarkMoveAndRecount(ReportRowSource.PostgresAppended),
        MergePresentCriteria,
    ];

    // As ReportHistorySql.UpsertPresentCriteria, by MERGE: one join of the appended rows with the present, then plain
    // inserts, where ON CONFLICT probes the key and inserts speculatively row by row (80,000 rows: 482 ms, auto_explain).
    // The same rows: a report names each community's criterion once, and the write lock keeps other writers out.
    private const string MergePresentCriteria =
        """
        MERGE INTO community_criteria AS k
        USING (SELECT community_code, criterion, value, met, effective, id FROM criterion_assessments WHERE id > @afterAssessment) AS a
           ON k.community_code = a.community_code AND k.criterion = a.criterion
         WHEN MATCHED AND k.effective <= a.effective THEN
              UPDATE SET value = a.value, met = a.met, effective = a.effective, assessment_id = a.id
         WHEN NOT MATCHED THEN
              INSERT (community_code, criterion, value, met, effective, assessment_id) VALUES (a.community_code, a.criterion, a.value, a.met, a.effective, a.id)
        """;

    /// <summary>The present's statements as one command's text, run once the rows are copied (<see cref="Arguments"/>).</summary>
    public static string PresentSql { get; } = string.Join(";\n", Statements) + ";";

    /// <summary>Whether the report goes by COPY: on PostgreSQL, from <see cref="FromRows"/> rows.</summary>
    public static bool Suits(DbConnection connection, ReportRows rows) => connection is NpgsqlConnection && rows.Count >= FromRows;

    private static readonly (string, BulkType)[] s_eventColumns =
        [("community_code", BulkType.Text), ("stage", BulkType.Integer), ("effective", BulkType.Text), ("report", BulkType.Integer)];

    private static readonly (string, BulkType)[] s_assessmentColumns =
    [
        ("community_code", BulkType.Text), ("criterion", BulkType.Integer), ("value", BulkType.Real), ("met", BulkType.Integer), ("effective", BulkType.Text),
        ("report", BulkType.Integer),
    ];

    /// <summary>
    /// Copies the report's stage events and assessments (numbered <paramref name="start"/>.Report) into the history, in
    /// <paramref name="transaction"/> (<see cref="BulkRows"/>' binary COPY); <see cref="PresentSql"/> then moves the present.
    /// </summary>
    public static async Task CopyAsync(DbConnection connection, DbTransaction transaction, WriteStart start, ReportRows rows, CancellationToken cancellationToken)
    {
        // The events first, then the assessments, each in the report's order: the ids come out as the one command's.
        if (rows.EventRows.Count > 0)
        {
            await using var events = await BulkRows.OpenAsync(connection, transaction, "stage_events", s_eventColumns, cancellationToken).ConfigureAwait(false);
            foreach (var e in rows.EventRows)
            {
                await events.Text(e.Community).Integer(e.Stage).Text(e.Effective).Integer(start.Report).EndRowAsync(cancellationToken).ConfigureAwait(false);
            }
            await events.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        if (rows.AssessmentRows.Count > 0)
        {
            await using var assessments = await BulkRows.OpenAsync(connection, transaction, "criterion_assessments", s_assessmentColumns, cancellationToken)
                .ConfigureAwait(false);
            foreach (var a in rows.AssessmentRows)
            {
                await assessments.Text(a.Community).Integer(a.Criterion).Real(a.Value).Integer(a.Met).Text(a.Effective).Integer(start.Report)
                    .EndRowAsync(cancellationToken).ConfigureAwait(false);
            }
            await assessments.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The arguments of <see cref="PresentSql"/>.</summary>
    public static object Arguments(WriteStart start, ReportRows rows) =>
        new { report = start.Report, afterEvent = start.StageEvent, afterAssessment = start.Assessment, codes = CommunityListUpkeepSql.NamedCodes(rows) };
}
