using System.Globalization;
using System.Text.Json;
using System.Text;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Domain.Reports;

/// <summary>Writes a report in the intake API's JSON shape: the raw record every figure can be recomputed from.</summary>
public static class ReportJson
{
    public static string Serialize(ReportSubmission report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("locality", report.Locality);
            w.WriteString("kind", report.Kind.ToApiName());
            w.WriteString("period", report.Period.ToString());
            w.WriteString("submittedBy", report.SubmittedBy);
            if (report.Narrative is not null)
            {
                w.WriteString("narrative", report.Narrative);
            }
            w.WriteStartArray("updates");
            foreach (var update in report.Updates)
            {
                WriteUpdate(w, update);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteUpdate(Utf8JsonWriter w, CommunityUpdate update)
    {
        w.WriteStartObject();
        w.WriteString("community", update.Community);
        if (update.Stage is { } stage)
        {
            w.WriteString("stage", stage.ToApiName());
        }
        w.WriteString("effective", IsoDay.Text(update.Effective));
        if (update.Criteria.Count > 0)
        {
            w.WriteStartObject("criteria");
            foreach (var (number, value) in update.Criteria.OrderBy(c => c.Key))
            {
                var key = number.ToString(CultureInfo.InvariantCulture);
                if (number is >= 1 and <= GreenCommunityStandard.CriterionCount && GreenCommunityStandard.Get(number).IsShare)
                {
                    w.WriteNumber(key, value);
                }
                else
                {
                    w.WriteBoolean(key, value >= 1.0);
                }
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
