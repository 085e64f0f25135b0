using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Dashboard.Model;

/// <summary>When a count would reach every community at a pace: already (<see cref="IsDone"/>), on <see cref="Day"/>, or never.</summary>
public sealed record Completion(DateOnly? Day, bool IsDone = false)
{
    public static Completion Done { get; } = new(Day: null, IsDone: true);

    /// <summary>The pace is zero or less: not at this pace.</summary>
    public static Completion Never { get; } = new(Day: null);

    public bool IsNever => !IsDone && Day is null;
}

/// <summary>
/// The pace of the last three months carried forward. Before the last milestone: the figure the milestone counts
/// (pilots, started or accepted communities), projected from the shown day to the next due day that applies to the
/// region, at risk when it falls short of the target's count. After the last milestone: the days on which every
/// community would be started and accepted, at risk while the region is still short of the last target (the one the
/// long-term management keeps). Pure: figures in, forecast out.
/// </summary>
/// <param name="StartedPace">Communities started per month over the last three months.</param>
/// <param name="AcceptedPace">Communities accepted per month over the last three months.</param>
/// <param name="Target">The milestone projected to; null after the last one.</param>
/// <param name="Projected">The count projected at <paramref name="Target"/>'s due day (never above the communities).</param>
/// <param name="Required">The count the target asks for (e.g. 30% of 245 communities is 74).</param>
public sealed record PaceForecast(
    double StartedPace,
    double AcceptedPace,
    Milestone? Target,
    double? Projected,
    int? Required,
    Completion? AllStarted,
    Completion? AllAccepted,
    bool AtRisk)
{
    /// <summary>
    /// For the province: how many localities are at risk. Each milestone applies to each locality (各地), so the province
    /// is on track only when every locality is; its own total could reach the target while a locality falls short.
    /// </summary>
    public int? LocalitiesAtRisk { get; init; }

    /// <summary>The months the pace is measured over.</summary>
    public const int PaceMonths = 3;

    /// <summary>The day the pace is measured from: three calendar months before the shown day.</summary>
    public static DateOnly PaceStart(DateOnly day) => day.AddMonths(-PaceMonths);

    /// <summary>
    /// The forecast of a region on <paramref name="day"/> from its figures then and <see cref="PaceMonths"/> months before.
    /// A county-level unit has no pilot target of its own (1–2 pilots is each locality's), so its next target skips it.
    /// </summary>
    public static PaceForecast Of(Campaign campaign, DateOnly day, ProgressFigures now, ProgressFigures before, bool countyLevel)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(before);
        var startedPace = (now.Started - before.Started) / (double)PaceMonths;
        var acceptedPace = (now.Accepted - before.Accepted) / (double)PaceMonths;
        var target = campaign.Milestones
            .Where(m => m.Due >= day && !(countyLevel && m.Kind == MilestoneKind.PilotsPerLocality))
            .OrderBy(m => m.Due)
            .FirstOrDefault();
        if (target is not null)
        {
            var pace = (Count(target.Kind, now) - Count(target.Kind, before)) / (double)PaceMonths;
            var projected = Count(target.Kind, now) + (pace * MonthsBetween(day, target.Due));
            if (target.Kind != MilestoneKind.PilotsPerLocality)
            {
                projected = Math.Min(projected, now.Communities);
            }
            var required = RequiredCount(target, now);
            return new PaceForecast(startedPace, acceptedPace, target, projected, required, null, null, projected < required - 1e-9);
        }
        var last = campaign.Milestones.Where(m => m.Kind != MilestoneKind.PilotsPerLocality).MaxBy(m => m.Due);
        return new PaceForecast(startedPace, acceptedPace, null, null, null,
            Complete(day, now.Communities - now.Started, startedPace),
            Complete(day, now.Communities - now.Accepted, acceptedPace),
            last is not null && !last.IsMet(now));
    }

    /// <summary>The province's forecast judged by its localities': at risk when any of them is, naming how many.</summary>
    public static PaceForecast ForProvince(PaceForecast provinceWide, IEnumerable<PaceForecast> localities)
    {
        ArgumentNullException.ThrowIfNull(provinceWide);
        ArgumentNullException.ThrowIfNull(localities);
        var atRisk = localities.Count(l => l.AtRisk);
        return provinceWide with { AtRisk = atRisk > 0, LocalitiesAtRisk = atRisk };
    }

    /// <summary>The day a count <paramref name="remaining"/> short of every community gets there at <paramref name="pace"/> a month.</summary>
    public static Completion Complete(DateOnly day, int remaining, double pace) =>
        remaining <= 0 ? Completion.Done
        : pace <= 0 ? Completion.Never
        : new Completion(AddMonths(day, remaining / pace));

    /// <summary>
    /// Calendar months from one day to another: whole months (as <see cref="DateOnly.AddMonths"/> counts them), then the
    /// rest as a share of the month it falls in; 2022-03-31 to 2022-06-30 is 3, 2022-06-30 to 2022-07-15 is 15/31.
    /// </summary>
    public static double MonthsBetween(DateOnly from, DateOnly to)
    {
        if (to <= from)
        {
            return 0;
        }
        var whole = 0;
        while (from.AddMonths(whole + 1) <= to)
        {
            whole++;
        }
        var start = from.AddMonths(whole);
        var length = from.AddMonths(whole + 1).DayNumber - start.DayNumber;
        return whole + ((to.DayNumber - start.DayNumber) / (double)length);
    }

    /// <summary>The inverse of <see cref="MonthsBetween"/>: the first day on which <paramref name="months"/> have passed (rounded up to a whole day).</summary>
    public static DateOnly AddMonths(DateOnly from, double months)
    {
        // Far beyond any plan: a pace of one community in decades says "never" as well as a date in 9999 would.
        var whole = (int)Math.Min(Math.Floor(months), 12 * 200);
        var start = from.AddMonths(whole);
        var length = from.AddMonths(whole + 1).DayNumber - start.DayNumber;
        var days = (int)Math.Ceiling(Math.Round((months - whole) * length, 9));
        return start.AddDays(Math.Min(days, length));
    }

    /// <summary>The count a milestone is judged on.</summary>
    public static int Count(MilestoneKind kind, ProgressFigures figures) => kind switch
    {
        MilestoneKind.PilotsPerLocality => figures.PilotsEver,
        MilestoneKind.StartedShare => figures.Started,
        _ => figures.Accepted,
    };

    /// <summary>The count a milestone asks of a region: its pilots, or its share of the region's communities.</summary>
    public static int RequiredCount(Milestone milestone, ProgressFigures figures) => milestone.Kind == MilestoneKind.PilotsPerLocality
        ? (int)milestone.Minimum
        : milestone.RequiredCount(figures.Communities);
}
