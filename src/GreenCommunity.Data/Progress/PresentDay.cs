using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Data.Progress;

/// <summary>
/// Today in China, and the one place that decides whether a day is answered from the current-state tables or
/// from the history: effective dates never lie after the day of receipt, so from today on the present is the answer.
/// </summary>
public sealed class PresentDay(TimeProvider clock)
{
    public DateOnly Today => ChinaTime.DateAt(clock.GetUtcNow());

    /// <summary>True for no day (today) and for today or later.</summary>
    public bool IsPresent(DateOnly? day) => day is null || day >= Today;
}
