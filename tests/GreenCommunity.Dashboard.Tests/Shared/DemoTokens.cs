using System.Text.Json;

namespace GreenCommunity.Dashboard.Tests.Shared;

/// <summary>What demo-credentials.json holds: API tokens, the display token and the demo accounts.</summary>
public sealed record DemoTokens(string Province, IReadOnlyDictionary<string, string> Localities, string Display, IReadOnlyDictionary<string, string> Passwords)
{
    public static DemoTokens Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        return new DemoTokens(root.GetProperty("province").GetString()!,
            root.GetProperty("localities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            root.GetProperty("display").GetString()!,
            root.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("user").GetString()!, a => a.GetProperty("password").GetString()!));
    }
}
