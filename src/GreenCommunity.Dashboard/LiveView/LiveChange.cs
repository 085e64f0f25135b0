using GreenCommunity.Dashboard.Intake;

namespace GreenCommunity.Dashboard.LiveView;

/// <summary>What subscribers hear after a recomputation: the new live snapshot, the feed, and what changed.</summary>
/// <param name="Arrived">The reports committed since the last change, oldest first.</param>
/// <param name="ChangedFrom">Figures of every day from this one on changed (a report effective earlier than today); null when only today's did.</param>
public sealed record LiveChange(ProgressSnapshot Current, IReadOnlyList<FeedItem> Feed, IReadOnlyList<ReportNotice> Arrived, DateOnly? ChangedFrom)
{
    /// <summary>Whether a page showing <paramref name="day"/> must take a new snapshot.</summary>
    public bool Affects(DateOnly day) => day >= Current.Day || ChangedFrom is { } from && from <= day;
}
