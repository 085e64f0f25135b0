namespace GreenCommunity.Domain.Campaigns;

/// <summary>
/// China Standard Time (UTC+8, no daylight saving since 1991). A fixed offset, so that deadlines do not
/// depend on the host's time-zone database.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The calendar day in China at a given instant.</summary>
    public static DateOnly DateAt(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The last moment (23:59:59) of a day in China.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) =>
        new(day.ToDateTime(new TimeOnly(23, 59, 59)), Offset);

    /// <summary>The first moment (00:00) of a day in China.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);
}
