using System.Text.Json;

namespace GreenCommunity.Dashboard.Tests.Shared;

public sealed record DemoTokens(string Province, IReadOnlyDictionary<string, string> Localities)
{
    public static DemoTokens Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        return new DemoTokens(root.GetProperty("province").GetString()!,
            root.GetProperty("localities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
    }
}
