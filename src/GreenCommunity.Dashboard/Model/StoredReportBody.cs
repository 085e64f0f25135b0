using System.Text.Json;
using System.Text.Json.Nodes;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Model;

/// <summary>
/// A stored report's body read back for people: the sender, the narrative and the updates, each update through the
/// intake's own reader (<see cref="CommunityUpdateReader"/>). Leniently: the body was accepted once, so a rule added
/// since (a longer text, a field now refused) must not hide it; an update that cannot be read is counted, not thrown.
/// </summary>
public sealed record StoredReportBody(string SubmittedBy, string? Narrative, IReadOnlyList<CommunityUpdate> Updates, int Unreadable)
{
    public static StoredReportBody Read(string body)
    {
        JsonObject json;
        try
        {
            json = StoredReportJson.Parse(body);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return new StoredReportBody("", null, [], 1);
        }
        var updates = new List<CommunityUpdate>();
        var unreadable = 0;
        if (json["updates"] is JsonArray items)
        {
            foreach (var item in items)
            {
                if (item is JsonObject update && CommunityUpdateReader.Read(Fields(update), "", new ValidationErrors()) is { } read)
                {
                    updates.Add(read);
                }
                else
                {
                    unreadable++;
                }
            }
        }
        return new StoredReportBody(Text(json["submittedBy"]) ?? "", Text(json["narrative"]), updates, unreadable);
    }

    private static UpdateFields Fields(JsonObject update) => new(
        Text(update["community"]),
        Text(update["stage"]) is { } stage && StageNames.TryParseApiName(stage, out var parsed) ? parsed : Text(update["stage"]),
        Text(update["effective"]),
        update["criteria"] is JsonObject criteria ? [.. criteria.Select(c => KeyValuePair.Create(c.Key, Value(c.Value)))] : []);

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static object? Value(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v when v.TryGetValue<double>(out var number) => number,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => null,
    };
}
