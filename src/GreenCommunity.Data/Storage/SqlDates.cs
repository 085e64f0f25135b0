using System.Globalization;
using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Data.Storage;

/// <summary>Dates are stored as ISO text so that SQLite compares them in order.</summary>
public static class SqlDates
{
    public static string ToSql(DateOnly day) => IsoDay.Text(day);

    public static string ToSql(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, IsoDay.Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseInstant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
