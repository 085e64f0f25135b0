using System.Globalization;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Data.Demo;

/// <summary>One locality's campaign, month by month: which communities start, when they are ready, what is reported when.</summary>
internal sealed class LocalitySimulation(DemoLocality locality, LocalityProfile profile, Campaign campaign, DemoReportingCalendar calendar, Random rng)
{
    private static readonly int[] s_acceptanceRounds = [6, 9, 12, 15, 18];   // month indexes: 2021-12, 2022-03, -06, -09, -12

    private readonly List<PlannedReport> _reports = [];
    private readonly List<CommunityPlan> _started = [];
    private readonly HashSet<string> _accepted = new(StringComparer.Ordinal);
    private List<CommunityUpdate> _carried = [];
    private List<CommunityPlan> _readyLater = [];

    public IReadOnlyList<PlannedReport> Run()
    {
        var months = campaign.MonthsUntil(campaign.End).ToList();
        var plans = PlanCommunities(months.Count);
        var byStart = plans.ToLookup(p => p.StartMonth);
        var byReady = plans.ToLookup(p => p.ReadyMonth);
        var byCode = plans.ToDictionary(p => p.Code, StringComparer.Ordinal);

        AddYearlyReport(ReportKind.Plan, ReportPeriod.OfYear(campaign.Start.Year), campaign.Reporting.PlanDue);
        for (var m = 0; m < months.Count; m++)
        {
            var period = months[m];
            var receivedAt = MonthlyReceipt(period, allowMissing: m > 0 && m < months.Count - 1);
            var updates = new List<CommunityUpdate>(_carried);
            var lastEffectiveDay = receivedAt is null ? period.LastDay : Min(period.LastDay, ChinaTime.DateAt(receivedAt.Value));
            foreach (var plan in byStart[m])
            {
                plan.StartEffective = RandomDay(period.FirstDay, lastEffectiveDay);
                updates.Add(new CommunityUpdate(plan.Code, plan.IsPilot ? Stage.Pilot : Stage.InProgress, plan.StartEffective, plan.InitialCriteria));
                _started.Add(plan);
            }
            var inReport = updates.Select(u => u.Community).ToHashSet(StringComparer.Ordinal);
            var ready = _readyLater.Concat(byReady[m].Where(p => p.StartMonth < m)).ToList();
            _readyLater = [];
            foreach (var plan in ready)
            {
                if (inReport.Contains(plan.Code))
                {
                    _readyLater.Add(plan);   // one update per community in a report: its start, carried from a missed month, goes first
                    continue;
                }
                var effective = RandomDay(period.FirstDay, lastEffectiveDay);
                updates.Add(new CommunityUpdate(plan.Code, null, effective, plan.MissingCriteria()));
                plan.ReadyEffective = effective;
            }
            if (receivedAt is null)
            {
                _carried = updates;   // a missing report: its news comes with next month's
                continue;
            }
            _carried = [];
            foreach (var plan in updates.Select(u => byCode[u.Community]).Where(p => p.ReadyEffective is not null && p.ReadyReceivedAt is null))
            {
                plan.ReadyReceivedAt = receivedAt;
            }
            AddLocalityReport(ReportKind.Monthly, period, receivedAt.Value, updates);
            if (period.Month == campaign.Reporting.AnnualDueMonth)
            {
                AddYearlyReport(ReportKind.Annual, ReportPeriod.OfYear(period.Year), new DateOnly(period.Year, campaign.Reporting.AnnualDueMonth, campaign.Reporting.AnnualDueDay));
            }
            if (s_acceptanceRounds.Contains(m))
            {
                AcceptReady(period, m, plans.Count);
            }
        }
        return _reports;
    }

    /// <summary>
    /// After the campaign (长效管理) the localities keep reporting: a monthly report, without news, when the calendar brings
    /// it, and the annual report by 30 November; only what has arrived by <paramref name="until"/>.
    /// </summary>
    public IReadOnlyList<PlannedReport> RunLongTerm(DateTimeOffset until)
    {
        var reports = new List<PlannedReport>();
        var lastDay = ChinaTime.DateAt(until);
        for (var month = campaign.End.AddDays(1); month <= lastDay; month = month.AddMonths(1))
        {
            var period = ReportPeriod.OfMonth(month.Year, month.Month);
            if (calendar.MonthlyReceipt(locality.Code, period) is { } receivedAt && receivedAt <= until)
            {
                reports.Add(LocalityReport(ReportKind.Monthly, period, receivedAt, [],
                    $"{locality.Name}{period}绿色社区长效管理情况：巩固创建成果，本月无新增变化。"));
            }
            if (month.Month == campaign.Reporting.AnnualDueMonth && calendar.AnnualReceipt(locality.Code, month.Year) is var annual && annual <= until)
            {
                reports.Add(LocalityReport(ReportKind.Annual, ReportPeriod.OfYear(month.Year), annual, [],
                    $"{locality.Name}{month.Year}年度绿色社区长效管理工作报告及下一年度工作计划。"));
            }
        }
        return reports;
    }

    private List<CommunityPlan> PlanCommunities(int monthCount)
    {
        var n = locality.Communities.Count;
        var order = locality.Communities.ToArray();
        rng.Shuffle(order);

        var startedShare = campaign.Milestones.First(x => x.Kind == MilestoneKind.StartedShare).Minimum;
        var acceptedShare = campaign.Milestones.First(x => x.Kind == MilestoneKind.AcceptedShare).Minimum;
        var pilots = Math.Min(n, Math.Max(1, profile.Pilots));
        var startedMid = Math.Max(pilots, (int)Math.Floor(startedShare * profile.StartPace * n));
        var acceptedEnd = Math.Min(n, (int)Math.Floor(acceptedShare * profile.AcceptPace * n));
        var startedEnd = Math.Max(Math.Max(startedMid, acceptedEnd), (int)Math.Floor(Math.Min(0.97, acceptedShare * profile.AcceptPace + 0.1) * n));

        var plans = new List<CommunityPlan>(n);
        for (var j = 0; j < n; j++)
        {
            var isPilot = j < pilots;
            int start;
            if (isPilot)
            {
                start = profile.Pilots == 0 ? 8 : rng.Next(1, 5);   // no pilot in 2021: the first comes in 2022-02
            }
            else if (j < startedEnd)
            {
                start = StartMonthOf(j - pilots, startedMid - pilots, startedEnd - pilots);
            }
            else
            {
                start = int.MaxValue;   // not started within the demo history
            }
            var ready = start == int.MaxValue ? int.MaxValue
                : isPilot ? start + rng.Next(2, 6)
                : j < acceptedEnd ? Math.Min(start + rng.Next(1, 4), monthCount - 2)
                : start + rng.Next(3, 11);
            plans.Add(new CommunityPlan(order[j], isPilot, start, Math.Max(ready, start + 1), InitialCriteria()));
        }
        return plans;
    }

    /// <summary>Starts ramp up linearly: to the mid-year target over 2022-01..06, to the final number over 2022-07..10.</summary>
    private static int StartMonthOf(int index, int midTarget, int endTarget)
    {
        for (var m = 7; m <= 16; m++)
        {
            var cumulative = m <= 12 ? midTarget * (m - 6) / 6.0 : midTarget + (endTarget - midTarget) * (m - 12) / 4.0;
            if (index < Math.Floor(cumulative + 1e-9))
            {
                return m;
            }
        }
        return 16;
    }

    private Dictionary<int, double> InitialCriteria()
    {
        var criteria = new Dictionary<int, double>();
        foreach (var criterion in GreenCommunityStandard.Criteria)
        {
            criteria[criterion.Number] = criterion.IsShare
                ? Math.Round(0.05 + rng.NextDouble() * 0.55, 2)
                : rng.NextDouble() < 0.35 ? 1.0 : 0.0;
        }
        return criteria;
    }

    private void AcceptReady(ReportPeriod period, int month, int communityCount)
    {
        var receivedAt = At(new DateOnly(period.Year, period.Month!.Value, 28), rng.Next(9, 12));
        var acceptedShare = campaign.Milestones.First(x => x.Kind == MilestoneKind.AcceptedShare).Minimum;
        var target = (int)Math.Floor(acceptedShare * profile.AcceptPace * communityCount);
        var quota = month switch
        {
            6 => int.MaxValue,                       // 2021-12: the pilots that are ready
            9 => target / 10,
            12 => target * 3 / 10,
            15 => target * 6 / 10,
            _ => target,
        };
        var candidates = _started
            .Where(p => !_accepted.Contains(p.Code) && p.ReadyReceivedAt < receivedAt && (month != 6 || p.IsPilot))
            .OrderByDescending(p => p.IsPilot)
            .Take(Math.Max(0, quota - _accepted.Count))
            .ToList();
        if (candidates.Count == 0)
        {
            return;
        }
        var effective = new DateOnly(period.Year, period.Month!.Value, 27);
        var updates = candidates.Select(p => new CommunityUpdate(p.Code, Stage.Accepted, effective, new Dictionary<int, double>())).ToList();
        foreach (var plan in candidates)
        {
            _accepted.Add(plan.Code);
        }
        var narrative = string.Create(CultureInfo.InvariantCulture, $"省住建厅对{locality.Name}{updates.Count}个社区进行验收考核，均达到《湖北省绿色社区创建标准（试行）》。");
        var report = new ReportSubmission(locality.Code, ReportKind.Monthly, period, DemoCampaignPlan.ProvinceSubmitter, narrative, updates);
        _reports.Add(new PlannedReport(receivedAt, SubmitterScope.Province, report, NewReportId()));
    }

    /// <summary>When this month's report arrives: mostly by the 25th, sometimes a few days late, now and then not at all.</summary>
    private DateTimeOffset? MonthlyReceipt(ReportPeriod period, bool allowMissing)
    {
        var roll = rng.NextDouble();
        if (allowMissing && roll < profile.MissingShare)
        {
            return null;
        }
        if (roll < profile.MissingShare + profile.LateShare)
        {
            var next = period.FirstDay.AddMonths(1);
            return At(new DateOnly(next.Year, next.Month, rng.Next(1, 9)), rng.Next(8, 18));
        }
        return At(new DateOnly(period.Year, period.Month!.Value, rng.Next(12, campaign.Reporting.MonthlyDueDay + 1)), rng.Next(8, 18));
    }

    private void AddLocalityReport(ReportKind kind, ReportPeriod period, DateTimeOffset receivedAt, IReadOnlyList<CommunityUpdate> updates)
    {
        var started = updates.Count(u => u.Stage is not null);
        var narrative = kind switch
        {
            ReportKind.Plan => $"{locality.Name}绿色社区创建行动实施方案。",
            ReportKind.Annual => $"{locality.Name}{period}年度绿色社区创建工作报告及下一年度工作计划。",
            _ => string.Create(CultureInfo.InvariantCulture, $"{locality.Name}{period}绿色社区创建工作进展：新启动{started}个社区，更新{updates.Count - started}个社区的创建标准评估。"),
        };
        _reports.Add(LocalityReport(kind, period, receivedAt, updates, narrative));
    }

    private PlannedReport LocalityReport(ReportKind kind, ReportPeriod period, DateTimeOffset receivedAt, IReadOnlyList<CommunityUpdate> updates, string narrative)
    {
        var report = new ReportSubmission(locality.Code, kind, period, $"{locality.Name}住房和城乡建设局", narrative, updates);
        return new PlannedReport(receivedAt, SubmitterScope.ForLocality(locality.Code), report, NewReportId());
    }

    private void AddYearlyReport(ReportKind kind, ReportPeriod period, DateOnly due)
    {
        var receivedAt = rng.NextDouble() < profile.LateShare
            ? At(due.AddDays(rng.Next(1, 11)), rng.Next(8, 18))
            : At(due.AddDays(-rng.Next(0, 16)), rng.Next(8, 18));
        AddLocalityReport(kind, period, receivedAt, []);
    }

    private DateTimeOffset At(DateOnly day, int hour) =>
        ChinaTime.StartOfDay(day).AddHours(hour).AddMinutes(rng.Next(0, 60)).AddSeconds(rng.Next(0, 60));

    private DateOnly RandomDay(DateOnly first, DateOnly last) =>
        last <= first ? first : first.AddDays(rng.Next(0, last.DayNumber - first.DayNumber + 1));

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private string NewReportId()
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes).ToString("N");
    }

    private sealed class CommunityPlan(string code, bool isPilot, int startMonth, int readyMonth, Dictionary<int, double> initialCriteria)
    {
        public string Code { get; } = code;
        public bool IsPilot { get; } = isPilot;
        public int StartMonth { get; } = startMonth;
        public int ReadyMonth { get; } = readyMonth;
        public IReadOnlyDictionary<int, double> InitialCriteria { get; } = initialCriteria;
        public DateOnly StartEffective { get; set; }
        public DateOnly? ReadyEffective { get; set; }
        public DateTimeOffset? ReadyReceivedAt { get; set; }

        /// <summary>The criteria the community did not meet at the start, now met (criterion 12 raised above its threshold).</summary>
        public Dictionary<int, double> MissingCriteria() => GreenCommunityStandard.Criteria
            .Where(c => !c.IsMet(InitialCriteria[c.Number]))
            .ToDictionary(c => c.Number, c => c.IsShare ? Math.Max(c.Threshold!.Value, 0.45) : 1.0);
    }
}
