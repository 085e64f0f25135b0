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

    /// <summary>The present's statements once the history is appended: as in <see cref="ReportHistorySql.Statements"/>, without the INSERTs.</summary>
    internal static IReadOnlyList<string> Statements { get; } =
    [
        CommunityListUpkeepSql.MarkChanges(ReportRowSource.PostgresAppended),
        ReportHistorySql.UpsertPresentCriteria,
        CommunityListUpkeepSql.MoveAndRecount(ReportRowSource.PostgresAppended),
    ];

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
