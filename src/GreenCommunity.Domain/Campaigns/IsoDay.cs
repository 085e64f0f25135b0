using System.Globalization;

namespace GreenCommunity.Domain.Campaigns;

/// <summary>The one text form of a day everywhere a person or a program reads it: 2022-06-30.</summary>
public static class IsoDay
{
    public const string Format = "yyyy-MM-dd";

    public static string Text(DateOnly day) => day.ToString(Format, CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
