using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

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

    /// <summary>
    /// Copies the report's stage events and assessments (numbered <paramref name="start"/>.Report) into the history, in
    /// the connection's transaction; <see cref="PresentSql"/> then moves the present.
    /// </summary>
    public static async Task CopyAsync(NpgsqlConnection connection, WriteStart start, ReportRows rows, CancellationToken cancellationToken)
    {
        // The events first, then the assessments, each in the report's order: the ids come out as the one command's.
        if (rows.EventRows.Count > 0)
        {
            await using var events = await connection.BeginBinaryImportAsync(
                "COPY stage_events (community_code, stage, effective, report) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
            foreach (var e in rows.EventRows)
            {
                await events.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await events.WriteAsync(e.Community, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await events.WriteAsync(e.Stage, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await events.WriteAsync(e.Effective, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await events.WriteAsync(start.Report, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            }
            await events.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        if (rows.AssessmentRows.Count > 0)
        {
            await using var assessments = await connection.BeginBinaryImportAsync(
                "COPY criterion_assessments (community_code, criterion, value, met, effective, report) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
            foreach (var a in rows.AssessmentRows)
            {
                await assessments.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await assessments.WriteAsync(a.Community, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await assessments.WriteAsync(a.Criterion, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await assessments.WriteAsync(a.Value, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                await assessments.WriteAsync(a.Met, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await assessments.WriteAsync(a.Effective, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await assessments.WriteAsync(start.Report, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            }
            await assessments.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The arguments of <see cref="PresentSql"/>.</summary>
    public static object Arguments(WriteStart start, ReportRows rows) =>
        new { report = start.Report, afterEvent = start.StageEvent, afterAssessment = start.Assessment, codes = CommunityListUpkeepSql.NamedCodes(rows) };
}
