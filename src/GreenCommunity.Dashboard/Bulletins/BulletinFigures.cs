namespace GreenCommunity.Dashboard.Bulletins;

/// <summary>
/// What a bulletin reports for its month, as of the month's last day (today for the current month): the localities'
/// ranking, each milestone met or missed by each locality, the reports late or missing that month and the inspection
/// findings still open. Frozen as JSON when the bulletin is published, so every name it shows is held in both languages.
/// </summary>
/// <param name="Month">YYYY-MM.</param>
/// <param name="Target">The target the ranking measures against (the overview's ranking: the next milestone, or the last one after all are due).</param>
public sealed record BulletinFigures(
    string Month,
    DateOnly AsOf,
    BulletinTarget? Target,
    IReadOnlyList<RankedLocality> Ranking,
    IReadOnlyList<MilestoneVerdicts> Milestones,
    IReadOnlyList<ReportLapse> Reporting,
    IReadOnlyList<OpenFinding> Findings);

/// <summary>A locality, a milestone or a target: its code and its names in both languages.</summary>
public sealed record BulletinName(string Code, string Name, string NameEn)
{
    public string Display(bool english) => english ? NameEn : Name;
}

/// <param name="Kind">pilots_per_locality, started_share or accepted_share.</param>
public sealed record BulletinTarget(BulletinName Milestone, string Kind, DateOnly Due, double Minimum);

/// <summary>One line of the ranking, best first. <paramref name="Distance"/> is in percentage points (pilots for the pilot target), negative behind.</summary>
public sealed record RankedLocality(
    int Rank,
    BulletinName Locality,
    int Communities,
    int Started,
    int Accepted,
    int Pilots,
    double StartedRate,
    double AcceptedRate,
    double Distance,
    int Gap,
    bool Met);

/// <summary>A milestone judged for each locality: on its due day's figures once due (<paramref name="Final"/>), else on the bulletin's day.</summary>
public sealed record MilestoneVerdicts(BulletinName Milestone, string Kind, DateOnly Due, bool Final, IReadOnlyList<LocalityVerdict> Localities)
{
    public int MetCount => Localities.Count(l => l.Met);
}

/// <param name="Measure">The pilot count or the share (0..1) the verdict is on.</param>
/// <param name="Gap">Communities (or pilots) still lacking; 0 when met.</param>
public sealed record LocalityVerdict(BulletinName Locality, double Measure, bool Met, int Gap);

/// <summary>A report due within the month and sent late, or still missing at the month's end.</summary>
/// <param name="Kind">monthly, annual or plan.</param>
/// <param name="State">late or missing.</param>
/// <param name="Days">Days late, or days overdue on the bulletin's day.</param>
public sealed record ReportLapse(BulletinName Locality, string Kind, string Period, DateOnly DueDay, string State, int Days, DateTimeOffset? ReceivedAt);

/// <summary>An inspection finding not met and not rectified by the bulletin's day.</summary>
public sealed record OpenFinding(BulletinName Locality, string Community, string CommunityName, string Inspection, DateOnly VisitedOn, int Criterion, string? Note, DateOnly? RectifyBy);
