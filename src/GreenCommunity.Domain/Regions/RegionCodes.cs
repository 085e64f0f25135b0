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
    /// A region as the API and the hub take it: none is the root (<paramref name="rootCode"/>: the province, or the
    /// country's 000000); a province's two-digit prefix ("42") is that province ("420000", the code every summary
    /// carries); any other code is itself.
    /// </summary>
    public static string Scope(string? scope, string rootCode) => scope switch
    {
        null or "" => rootCode,
        [>= '0' and <= '9', >= '0' and <= '9'] when rootCode == RegionTree.CountryCode || scope == rootCode[..2] => scope + "0000",
        _ => scope,
    };

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex SixDigits();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex TwelveDigits();
}
