using System.Globalization;

namespace GreenCommunity.Dashboard.Display;

/// <summary>
/// A replay for a meeting: <c>?replay=2021-06..2022-12&amp;speed=30</c> plays the month ends of June 2021 to December 2022,
/// <c>speed</c> month ends a minute (30: one every 2 s), then the screen goes live. Months before the campaign's start
/// or after today are left out (the current month's frame is today).
/// </summary>
public sealed record ReplayPlan(int FromYear, int FromMonth, int ToYear, int ToMonth, IReadOnlyList<DateOnly> Frames, TimeSpan Step)
{
    public const int DefaultSpeed = 30;
    public const int MaxSpeed = 600;

    public string Label => string.Create(CultureInfo.InvariantCulture, $"{FromYear:0000}-{FromMonth:00}..{ToYear:0000}-{ToMonth:00}");

    /// <returns>The plan, or null with the address's parts that could not be used.</returns>
    public static ReplayPlan? TryParse(string replay, string? speed, DateOnly campaignStart, DateOnly today, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        problems = found;
        var perMinute = DefaultSpeed;
        if (speed is not null && !(int.TryParse(speed, NumberStyles.None, CultureInfo.InvariantCulture, out perMinute) && perMinute is >= 1 and <= MaxSpeed))
        {
            found.Add($"speed={speed}");
        }
        var parts = replay.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TryMonth(parts[0], out var from) || !TryMonth(parts[1], out var to) || from > to)
        {
            found.Insert(0, $"replay={replay}");
            return null;
        }
        if (found.Count > 0)
        {
            return null;
        }
        // Only the months between the campaign's start and today: never a step past 9999-12 or through centuries.
        var first = new DateOnly(campaignStart.Year, campaignStart.Month, 1);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var frames = new List<DateOnly>();
        for (var month = from > first ? from : first; month <= to && month <= thisMonth; month = month.AddMonths(1))
        {
            var end = month.AddMonths(1).AddDays(-1);
            frames.Add(end < today ? end : today);
        }
        if (frames.Count == 0)
        {
            found.Add($"replay={replay}");
            return null;
        }
        return new ReplayPlan(from.Year, from.Month, to.Year, to.Month, frames, TimeSpan.FromSeconds(60.0 / perMinute));
    }

    private static bool TryMonth(string text, out DateOnly month)
    {
        month = default;
        return DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);
    }
}
