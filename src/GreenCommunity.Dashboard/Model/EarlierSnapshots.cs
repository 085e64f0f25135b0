using GreenCommunity.Dashboard.LiveView;

namespace GreenCommunity.Dashboard.Model;

/// <summary>
/// The snapshots a page compares the shown day with: one month and <see cref="PaceForecast.PaceMonths"/> months before.
/// Past days, so the live view's shared cache answers them: a page asks again on every change and queries nothing.
/// </summary>
public sealed record EarlierSnapshots(ProgressSnapshot MonthAgo, ProgressSnapshot QuarterAgo)
{
    public static async Task<EarlierSnapshots> LoadAsync(LiveProgress live, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(live);
        var monthAgo = live.GetAsync(day.AddMonths(-1), cancellationToken);
        var quarterAgo = live.GetAsync(PaceForecast.PaceStart(day), cancellationToken);
        return new EarlierSnapshots(await monthAgo, await quarterAgo);
    }
}
