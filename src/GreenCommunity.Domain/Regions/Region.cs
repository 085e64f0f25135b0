namespace GreenCommunity.Domain.Regions;

/// <summary>A division: the country or a province at the root, a prefecture-level locality or a county-level unit.</summary>
/// <param name="NameEn">Pinyin or English name; falls back to the Chinese name where none is known.</param>
public sealed record Region(string Code, string Name, string NameEn, RegionLevel Level, string? ParentCode)
{
    /// <summary>The top of the deployment's tree: a province (one province's deployment) or the country.</summary>
    public bool IsRoot => ParentCode is null;

    public string DisplayName(bool english) => english ? NameEn : Name;
}
