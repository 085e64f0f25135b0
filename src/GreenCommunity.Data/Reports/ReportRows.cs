using System.Buffers;
using System.Text;
using System.Text.Json;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// A valid report's rows as the SQL takes them, made before the write lock is taken so that the lock covers only the
/// writing: its stage events and criterion assessments as rows (for PostgreSQL's arrays and its COPY) and as JSON lists
/// (<see cref="ReportHistorySql"/>; written on first use), and its body.
/// </summary>
internal sealed class ReportRows
{
    private readonly Lazy<string?> _events;
    private readonly Lazy<string?> _assessments;

    private ReportRows(IReadOnlyList<EventRow> eventRows, IReadOnlyList<AssessmentRow> assessmentRows, string body)
    {
        (EventRows, AssessmentRows, Body) = (eventRows, assessmentRows, body);
        _events = new(() => Json(eventRows, (writer, e) =>
        {
            writer.WriteStringValue(e.Community);
            writer.WriteNumberValue(e.Stage);
            writer.WriteStringValue(e.Effective);
        }));
        _assessments = new(() => Json(assessmentRows, (writer, a) =>
        {
            writer.WriteStringValue(a.Community);
            writer.WriteNumberValue(a.Criterion);
            writer.WriteNumberValue(a.Value);
            writer.WriteNumberValue(a.Met);
            writer.WriteStringValue(a.Effective);
        }));
    }

    /// <summary>The stage events in the report's order: one per update that names a stage.</summary>
    public IReadOnlyList<EventRow> EventRows { get; }

    /// <summary>The criterion assessments by update, then by criterion.</summary>
    public IReadOnlyList<AssessmentRow> AssessmentRows { get; }

    // The JSON lists are written when first asked for: a large report on PostgreSQL goes by COPY and needs none (80,000
    // assessments took 0.1–0.3 s to write); SQLite then writes them under the write lock, a small part of its write.

    /// <summary>[[community, stage, effective], …] as <see cref="EventRows"/>; null when no update names a stage.</summary>
    public string? Events => _events.Value;

    /// <summary>[[community, criterion, value, met, effective], …] as <see cref="AssessmentRows"/>; null when none is assessed.</summary>
    public string? Assessments => _assessments.Value;

    /// <summary>The report as stored in reports.body: as received, or in the API's canonical shape.</summary>
    public string Body { get; }

    /// <summary>Stage events and criterion assessments together: how much history the report appends.</summary>
    public int Count => EventRows.Count + AssessmentRows.Count;

    public static ReportRows From(ReportSubmission report, string? body)
    {
        var events = new List<EventRow>();
        var assessments = new List<AssessmentRow>();
        foreach (var update in report.Updates)
        {
            var day = IsoDay.Text(update.Effective);
            if (update.Stage is { } stage)
            {
                events.Add(new EventRow(update.Community, (int)stage, day));
            }
            foreach (var (number, value) in update.Criteria.OrderBy(c => c.Key))
            {
                assessments.Add(new AssessmentRow(update.Community, number, value, GreenCommunityStandard.Get(number).IsMet(value) ? 1 : 0, day));
            }
        }
        return new ReportRows(events, assessments, body ?? ReportJson.Serialize(report));
    }

    /// <summary>A JSON array with one array per row (no boxing, no reflection: a report may hold 160,000 assessments); null for none.</summary>
    private static string? Json<T>(IReadOnlyList<T> rows, Action<Utf8JsonWriter, T> row)
    {
        if (rows.Count == 0)
        {
            return null;
        }
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in rows)
            {
                writer.WriteStartArray();
                row(writer, item);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>One stage event: the community, its stage's number, the effective day (yyyy-MM-dd).</summary>
    public readonly record struct EventRow(string Community, long Stage, string Effective);

    /// <summary>One criterion assessment: the community, the criterion's number, its value, 1 if met else 0, the effective day.</summary>
    public readonly record struct AssessmentRow(string Community, long Criterion, double Value, long Met, string Effective);
}
