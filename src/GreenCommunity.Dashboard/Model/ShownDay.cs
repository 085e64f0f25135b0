using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Dashboard.Model;

/// <summary>
/// The day a page shows, and its one reader and writer in addresses: <c>?asOf=2022-06-30</c> for a past day,
/// nothing for today (a day not before today, or not a day at all, is today). Cascaded to every part of a page.
/// </summary>
public sealed record ShownDay(DateOnly AsOf, DateOnly Today)
{
    public const string QueryName = "asOf";

    public bool IsToday => AsOf >= Today;

    /// <summary>The day as an address carries it: null for today.</summary>
    public DateOnly? Past => IsToday ? null : AsOf;

    public static ShownDay Parse(string? asOf, DateOnly today) =>
        IsoDay.TryParse(asOf, out var day) && day < today ? new ShownDay(day, today) : new ShownDay(today, today);

    public static ShownDay Of(DateOnly? day, DateOnly today) => day is { } d && d < today ? new ShownDay(d, today) : new ShownDay(today, today);

    /// <summary>The same page (or another) on this day: <c>/locality/420100?asOf=2022-06-30</c>, or the bare path for today.</summary>
    public string Link(string path) => IsToday ? path : $"{path}?{QueryName}={IsoDay.Text(AsOf)}";
}
