using System.Text.RegularExpressions;

namespace GreenCommunity.Domain.Regions;

/// <summary>Shapes of NBS division codes (统计用区划代码): 6-digit regions, 12-digit communities.</summary>
public static partial class RegionCodes
{
    public static bool IsRegionCode(string? code) => code is not null && SixDigits().IsMatch(code);

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
