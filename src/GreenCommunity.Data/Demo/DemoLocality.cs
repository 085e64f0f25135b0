namespace GreenCommunity.Data.Demo;

/// <summary>A locality as the demo sees it: its code, its name and its communities' codes.</summary>
public sealed record DemoLocality(string Code, string Name, IReadOnlyList<string> Communities);
