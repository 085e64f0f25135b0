using System.Globalization;

namespace GreenCommunity.Dashboard.Localization;

/// <summary>Simplified Chinese by default, English as the second language.</summary>
public static class DashboardCultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly string[] Supported = [Chinese, English];

    public static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";
}
