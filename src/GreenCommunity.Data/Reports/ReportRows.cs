using System.Buffers;
using System.Text;
using System.Text.Json;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// A valid report's rows as the SQL takes them, made before the write lock is taken so that the lock covers only the
/// writing: its stage events and criterion assessments as JSON lists (<see cref="ReportHistorySql"/>) and its body.
/// </summary>
internal sealed class ReportRows
{
    private ReportRows(string? events, string? assessments, string body) => (Events, Assessments, Body) = (events, assessments, body);

    /// <summary>[[community, stage, effective], …] in the report's order; null when no update names a stage.</summary>
    public string? Events { get; }

    /// <summary>[[community, criterion, value, met, effective], …], by update then criterion; null when none is assessed.</summary>
    public string? Assessments { get; }

    /// <summary>The report as stored in reports.body: as received, or in the API's canonical shape.</summary>
    public string Body { get; }

    public static ReportRows From(ReportSubmission report, string? body)
    {
        var events = Write(report.Updates.Where(u => u.Stage is not null), (writer, u) =>
        {
            writer.WriteStringValue(u.Community);
            writer.WriteNumberValue((int)u.Stage!.Value);
            writer.WriteStringValue(IsoDay.Text(u.Effective));
        });
        var assessments = Write(report.Updates.SelectMany(u => u.Criteria.OrderBy(c => c.Key).Select(c => (Update: u, Number: c.Key, c.Value))), (writer, a) =>
        {
            writer.WriteStringValue(a.Update.Community);
            writer.WriteNumberValue(a.Number);
            writer.WriteNumberValue(a.Value);
            writer.WriteNumberValue(GreenCommunityStandard.Get(a.Number).IsMet(a.Value) ? 1 : 0);
            writer.WriteStringValue(IsoDay.Text(a.Update.Effective));
        });
        return new ReportRows(events, assessments, body ?? ReportJson.Serialize(report));
    }

    /// <summary>A JSON array with one array per item (no boxing, no reflection: a report may hold 160,000 assessments).</summary>
    private static string? Write<T>(IEnumerable<T> items, Action<Utf8JsonWriter, T> row)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var any = false;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                any = true;
                writer.WriteStartArray();
                row(writer, item);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        return any ? Encoding.UTF8.GetString(buffer.WrittenSpan) : null;
    }
}
