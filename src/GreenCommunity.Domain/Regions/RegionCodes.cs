using System.Text.RegularExpressions;

namespace GreenCommunity.Domain.Regions;

/// <summary>Shapes of NBS division codes (统计用区划代码): 6-digit regions, 12-digit communities.</summary>
public static partial class RegionCodes
{
    public static bool IsRegionCode(string? code) => code is not null && SixDigits().IsMatch(code);

    /// <summary>A province's code (its two digits and four zeros); the country's 000000 is not one.</summary>
    public static bool IsProvinceCode(string? code) => IsRegionCode(code) && code!.EndsWith("0000", StringComparison.Ordinal) && code != RegionTree.CountryCode;

    public static bool IsCommunityCode(string? code) => code is not null && TwelveDigits().IsMatch(code);

    /// <summary>
    /// A region as the API and the hub take it: none, or the province's two-digit prefix ("42"), is the province
    /// itself ("420000", the code every summary carries); any other code is itself.
    /// </summary>
    public static string Scope(string? scope, string provinceCode) =>
        string.IsNullOrEmpty(scope) || scope == provinceCode[..2] ? provinceCode : scope;

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex SixDigits();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex TwelveDigits();
}
