using System.Globalization;

namespace GreenCommunity.Domain.Campaigns;

/// <summary>A reporting period: a month ("2022-05") or a year ("2022").</summary>
public readonly record struct ReportPeriod(int Year, int? Month)
{
    public static ReportPeriod OfMonth(int year, int month) => new(year, month);

    public static ReportPeriod OfYear(int year) => new(year, null);

    public bool IsMonth => Month is not null;

    /// <summary>The first day of the period.</summary>
    public DateOnly FirstDay => new(Year, Month ?? 1, 1);

    /// <summary>The last day of the period.</summary>
    public DateOnly LastDay => IsMonth ? FirstDay.AddMonths(1).AddDays(-1) : new DateOnly(Year, 12, 31);

    public override string ToString() =>
        IsMonth ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}") : Year.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Parses "YYYY-MM" when a month is wanted, "YYYY" when a year is.</summary>
    public static bool TryParse(string? text, bool monthly, out ReportPeriod period)
    {
        period = default;
        if (text is null)
        {
            return false;
        }
        if (monthly)
        {
            if (text.Length == 7 && text[4] == '-'
                && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
                && year >= 1 && month is >= 1 and <= 12)
            {
                period = OfMonth(year, month);
                return true;
            }
            return false;
        }
        if (text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= 1)
        {
            period = OfYear(y);
            return true;
        }
        return false;
    }
}
