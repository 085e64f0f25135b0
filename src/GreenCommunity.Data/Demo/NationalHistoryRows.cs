using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Data.Demo;

/// <summary>
/// The rows the intake would write for a planned history, computed in memory so that they can be written in bulk: each
/// report judged by the intake's rules (<see cref="ReportRules"/>: shape, places, each update against its community's
/// state), its stage events and criterion assessments numbered in receipt order, and the present moved as
/// <c>ReportHistorySql</c> and <c>CommunityListUpkeepSql</c> move it (the latest effective day wins, a later receipt wins
/// a tie; last change, last report, criteria met, their mask and criterion 12's share). A community's updates must come
/// in the order of their days, which <see cref="NationalDemoPlan"/> keeps; then its state on an update's day is its present.
/// </summary>
internal sealed class NationalHistoryRows
{
    private const int Criteria = GreenCommunityStandard.CriterionCount;

    private NationalHistoryRows(IReadOnlyList<string> communities)
    {
        Communities = communities;
        var n = communities.Count;
        Stage = new byte[n];
        Pilot = new bool[n];
        Effective = new int[n];
        EventId = new long[n];
        LastReport = new long[n];
        LastChange = new int[n];
        Value = new double[n * Criteria];
        Met = new bool[n * Criteria];
        CriterionEffective = new int[n * Criteria];
        AssessmentId = new long[n * Criteria];
        Array.Fill(Effective, -1);
        Array.Fill(LastChange, -1);
        Array.Fill(Value, double.NaN);
    }

    public IReadOnlyList<string> Communities { get; }

    /// <summary>Per report of the plan: how many communities it changed (reports.applied).</summary>
    public int[] Applied { get; private set; } = [];

    public List<EventRow> Events { get; } = [];

    public List<AssessmentRow> Assessments { get; } = [];

    // The present, per community (index into Communities); days as DayNumber, -1 for none.
    public byte[] Stage { get; }

    public bool[] Pilot { get; }

    public int[] Effective { get; }

    public long[] EventId { get; }

    public long[] LastReport { get; }

    public int[] LastChange { get; }

    // community_criteria, per community and criterion (index community * 16 + criterion - 1); NaN for none.
    public double[] Value { get; }

    public bool[] Met { get; }

    public int[] CriterionEffective { get; }

    public long[] AssessmentId { get; }

    /// <summary>Judges and applies the plan, report by report in its order (report ids 1, 2, …); throws on a report the intake would refuse.</summary>
    public static NationalHistoryRows Build(IReadOnlyList<PlannedReport> plan, Campaign campaign, IReadOnlyDictionary<string, (int Index, string Locality)> communities)
    {
        var rows = new NationalHistoryRows(communities.OrderBy(c => c.Value.Index).Select(c => c.Key).ToList()) { Applied = new int[plan.Count] };
        var localities = communities.ToDictionary(c => c.Key, c => c.Value.Locality, StringComparer.Ordinal);
        for (var i = 0; i < plan.Count; i++)
        {
            rows.Applied[i] = rows.Apply(i + 1, plan[i], campaign, communities, localities);
        }
        return rows;
    }

    private int Apply(long report, PlannedReport planned, Campaign campaign, IReadOnlyDictionary<string, (int Index, string Locality)> communities,
        IReadOnlyDictionary<string, string> localities)
    {
        var (submission, scope) = (planned.Report, planned.Scope);
        var errors = new ValidationErrors();
        errors.AddRange(ReportRules.ScopeProblems(submission, scope));
        ReportRules.CheckShape(submission, scope, campaign, planned.ReceivedAt, errors);
        ReportRules.CheckPlaces(submission, localityExists: true, localities, errors);
        var indexes = submission.Updates.Select(u => communities.TryGetValue(u.Community, out var c) ? c.Index : -1).ToArray();
        var applied = 0;
        for (var k = 0; errors.IsEmpty && k < indexes.Length; k++)
        {
            var verdict = ReportRules.Judge(StateBefore(indexes[k], submission.Updates[k].Effective), submission.Updates[k], scope);
            errors.AddRange(verdict.Problems.Select(p => p.At($"updates[{k}].{p.Path}")));
            applied += verdict.Changes ? 1 : 0;
        }
        if (!errors.IsEmpty)
        {
            var reasons = string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
            throw new InvalidOperationException($"The national demo's report for {submission.Locality} {submission.Period} would be refused: {reasons}");
        }

        // Before the present moves (CommunityListUpkeepSql.MarkChanges): a stage or a value other than the present one is a change.
        for (var k = 0; k < indexes.Length; k++)
        {
            var (c, update) = (indexes[k], submission.Updates[k]);
            var day = update.Effective.DayNumber;
            var changed = (update.Stage is { } stage && Stage[c] != (byte)stage)
                || update.Criteria.Any(a => Value[Slot(c, a.Key)] is var old && (double.IsNaN(old) || old != a.Value));
            if (changed && LastChange[c] < day)
            {
                LastChange[c] = day;
            }
        }
        // The events in the report's order, then the assessments by update and criterion (ReportRows, ReportHistorySql).
        for (var k = 0; k < indexes.Length; k++)
        {
            if (submission.Updates[k].Stage is not { } stage)
            {
                continue;
            }
            var (c, day) = (indexes[k], submission.Updates[k].Effective.DayNumber);
            var id = Events.Count + 1L;
            Events.Add(new EventRow(c, (byte)stage, day, report));
            if (Effective[c] < 0 || Effective[c] <= day)
            {
                (Stage[c], EventId[c], Effective[c]) = ((byte)stage, id, day);
            }
            Pilot[c] |= stage == Domain.Communities.Stage.Pilot;
            LastReport[c] = report;
        }
        for (var k = 0; k < indexes.Length; k++)
        {
            var (c, update) = (indexes[k], submission.Updates[k]);
            foreach (var (number, value) in update.Criteria.OrderBy(a => a.Key))
            {
                var id = Assessments.Count + 1L;
                var met = GreenCommunityStandard.Get(number).IsMet(value);
                var day = update.Effective.DayNumber;
                Assessments.Add(new AssessmentRow(c, (byte)number, value, met, day, report));
                var slot = Slot(c, number);
                if (double.IsNaN(Value[slot]) || CriterionEffective[slot] <= day)
                {
                    (Value[slot], Met[slot], CriterionEffective[slot], AssessmentId[slot]) = (value, met, day, id);
                }
                LastReport[c] = report;
            }
        }
        return applied;
    }

    /// <summary>
    /// The community's state on an update's day, which is its present as long as no news of it is effective after that day
    /// (checked: the rules would otherwise judge the update against an earlier state than the present).
    /// </summary>
    private CommunityState StateBefore(int c, DateOnly effective)
    {
        if (c < 0)
        {
            return CommunityState.NotStarted;
        }
        var day = effective.DayNumber;
        var criteria = new Dictionary<int, double>();
        for (var number = 1; number <= Criteria; number++)
        {
            var slot = Slot(c, number);
            if (!double.IsNaN(Value[slot]))
            {
                criteria[number] = Value[slot];
                day = Math.Max(day, CriterionEffective[slot]);
            }
        }
        if (Math.Max(day, Effective[c]) > effective.DayNumber)
        {
            throw new InvalidOperationException($"The national demo plans news of {Communities[c]} effective {effective} after news effective later.");
        }
        return new CommunityState((Domain.Communities.Stage)Stage[c], Pilot[c], criteria);
    }

    /// <summary>Criteria met now, which (bit n-1 for criterion n) and criterion 12's share: the recount of CommunityListUpkeepSql.</summary>
    public (long Met, long Mask, double? C12) Recount(int c)
    {
        var (met, mask) = (0L, 0L);
        for (var number = 1; number <= Criteria; number++)
        {
            if (Met[Slot(c, number)])
            {
                met++;
                mask |= 1L << (number - 1);
            }
        }
        var c12 = Value[Slot(c, GreenCommunityStandard.PropertyManagementCriterion)];
        return (met, mask, double.IsNaN(c12) ? null : c12);
    }

    public static int Slot(int community, int criterion) => (community * Criteria) + criterion - 1;

    public readonly record struct EventRow(int Community, byte Stage, int Day, long Report);

    public readonly record struct AssessmentRow(int Community, byte Criterion, double Value, bool Met, int Day, long Report);
}
