using System.Text.RegularExpressions;

namespace GreenCommunity.Domain.Regions;

/// <summary>Shapes of NBS division codes (统计用区划代码): 6-digit regions, 12-digit communities.</summary>
public static partial class RegionCodes
{
    public static bool IsRegionCode(string? code) => code is not null && SixDigits().IsMatch(code);

    public static bool IsCommunityCode(string? code) => code is not null && TwelveDigits().IsMatch(code);

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex SixDigits();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex TwelveDigits();
}
