using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Domain.Reports;

/// <summary>
/// Writes a report in the intake API's JSON shape: the raw record every figure can be recomputed from. The text is a
/// contract (stored as reports.body, hashed for the idempotency key): the same report always gives the same bytes.
/// </summary>
public static class ReportJson
{
    /// <summary>Chinese text stays readable (unescaped), as the stored bodies have always had it.</summary>
    private static readonly JsonSerializerOptions s_options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static string Serialize(ReportSubmission report) => JsonSerializer.Serialize(
        new ReportBody(report.Locality, report.Kind, report.Period.ToString(), report.SubmittedBy, report.Narrative,
            report.Updates.Select(u => new UpdateBody(u.Community, u.Stage, u.Effective, Criteria(u.Criteria))).ToList()),
        s_options);

    /// <summary>
    /// Criteria by number in ascending order; a share (criterion 12) as a number, a yes/no criterion as a boolean.
    /// Which JSON type a value takes is the Standard's rule, not something a serializer can know; numbers outside
    /// 1..16 are written as booleans, as they always were.
    /// </summary>
    private static SortedDictionary<int, object>? Criteria(IReadOnlyDictionary<int, double> criteria) =>
        criteria.Count == 0 ? null : new(criteria.ToDictionary(c => c.Key, c => IsShare(c.Key) ? (object)c.Value : c.Value >= 1.0));

    private static bool IsShare(int number) =>
        number is >= 1 and <= GreenCommunityStandard.CriterionCount && GreenCommunityStandard.Get(number).IsShare;

    private sealed record ReportBody(string Locality, ReportKind Kind, string Period, string SubmittedBy,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Narrative,
        IReadOnlyList<UpdateBody> Updates);

    private sealed record UpdateBody(string Community,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Stage? Stage,
        DateOnly Effective,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SortedDictionary<int, object>? Criteria);
}
