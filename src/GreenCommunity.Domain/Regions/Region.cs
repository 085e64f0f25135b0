namespace GreenCommunity.Domain.Regions;

/// <summary>A division of the province: the province itself, a prefecture-level locality or a county-level unit.</summary>
/// <param name="NameEn">Pinyin or English name; falls back to the Chinese name where none is known.</param>
public sealed record Region(string Code, string Name, string NameEn, RegionLevel Level, string? ParentCode)
{
    public string DisplayName(bool english) => english ? NameEn : Name;
}
