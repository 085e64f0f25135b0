using System.Text.Json;

namespace GreenCommunity.Dashboard.Bulletins;

/// <summary>One way to write and read a bulletin's JSON: the frozen figures and the API's answers (camelCase).</summary>
public static class BulletinJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static BulletinFigures ReadFigures(string content) =>
        JsonSerializer.Deserialize<BulletinFigures>(content, Options) ?? throw new JsonException("A published bulletin holds no figures.");
}
