using System.Text.Json;
using System.Text.Json.Nodes;

namespace GreenCommunity.Dashboard.Model;

/// <summary>
/// A stored report's body as a JSON object to answer with. Bodies stored before duplicated fields were refused may
/// name a field twice, which <see cref="JsonObject"/> cannot hold: those are read as the intake read them
/// (<see cref="JsonElement.GetProperty(string)"/>'s choice), one value per field, so every stored report still answers its JSON.
/// </summary>
internal static class StoredReportJson
{
    public static JsonObject Parse(string body)
    {
        try
        {
            var json = JsonNode.Parse(body)!.AsObject();
            _ = json.Count;   // a JsonObject reads its properties lazily: a duplicate throws here, not later while answering
            return json;
        }
        catch (ArgumentException)
        {
            using var document = JsonDocument.Parse(body);
            return (JsonObject)WithoutDuplicates(document.RootElement)!;
        }
    }

    private static JsonNode? WithoutDuplicates(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new JsonObject(element.EnumerateObject().Select(p => p.Name).Distinct(StringComparer.Ordinal)
            .Select(name => KeyValuePair.Create(name, WithoutDuplicates(element.GetProperty(name))))),
        JsonValueKind.Array => new JsonArray(element.EnumerateArray().Select(WithoutDuplicates).ToArray()),
        _ => JsonNode.Parse(element.GetRawText()),
    };
}
