using System.Globalization;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Data.Demo;

/// <summary>
/// One prefecture-level unit's national demo history (<see cref="NationalDemoPlan"/>). Each community's days are drawn
/// first (its start from the unit's started-share curve, then an improvement, its readiness, its acceptance round); each
/// day is then reported by the first of the unit's monthly reports that arrives on or after it, one update per community
/// and report, in the order of the days. Monthly reports arrive between the 10th and the 25th, or late up to the 8th of
/// the next month, so a unit's reports arrive in the order of their months and a community's news in the order of its days.
/// </summary>
internal sealed class NationalLocalitySimulation(NationalDemoLocality locality, Campaign campaign, Random rng, DateTimeOffset now)
{
    /// <summary>Communities that start but do not reach the standard within the history.</summary>
    private const double StuckShare = 0.10;

    private static readonly string[] s_placeholderNames = ["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"];

    private readonly List<PlannedReport> _reports = [];

    public IReadOnlyList<PlannedReport> Run()
    {
        var today = ChinaTime.DateAt(now);
        var months = campaign.MonthsUntil(today).ToList();
        var lateShare = 0.03 + (rng.NextDouble() * 0.17);
        var receipts = months.Select(m => MonthlyReceipt(m, lateShare)).ToArray();
        var receiptDays = receipts.Select(ChinaTime.DateAt).ToArray();
        var received = receipts.Count(r => r <= now);
        var monthly = months.Select(_ => new List<CommunityUpdate>()).ToArray();
        var rounds = AcceptanceRounds(months);
        var accepted = rounds.Select(_ => new List<string>()).ToArray();

        var pace = 0.8 + (rng.NextDouble() * 0.4);
        var metShare = 0.3 + (rng.NextDouble() * 0.2);
        var curve = StartCurve(pace);
        var order = locality.Communities.ToArray();
        rng.Shuffle(order);
        var pilotsMilestone = campaign.Milestones.FirstOrDefault(m => m.Kind == MilestoneKind.PilotsPerLocality);
        var pilots = Math.Min(order.Length, rng.Next((int)(pilotsMilestone?.Minimum ?? 1), (int)(pilotsMilestone?.Maximum ?? 2) + 1));
        var pilotsDue = pilotsMilestone?.Due ?? campaign.Start.AddMonths(6);

        // The first report of this unit that arrived by now on or after a day, after report `after`; -1 when none has yet.
        int ReportOn(DateOnly day, int after)
        {
            for (var i = after + 1; i < received; i++)
            {
                if (receiptDays[i] >= day)
                {
                    return i;
                }
            }
            return -1;
        }

        for (var j = 0; j < order.Length; j++)
        {
            var code = order[j];
            var isPilot = j < pilots;
            var startDay = isPilot ? RandomDay(campaign.Start.AddMonths(1), pilotsDue.AddMonths(-1)) : curve(rng.NextDouble());
            if (startDay is not { } start || ReportOn(start, -1) is var first && first < 0)
            {
                continue;
            }
            var criteria = InitialCriteria(metShare);
            monthly[first].Add(new CommunityUpdate(code, isPilot ? Stage.Pilot : Stage.InProgress, start, new Dictionary<int, double>(criteria)));
            var last = first;

            var stuck = !isPilot && rng.NextDouble() < StuckShare;
            var delay = isPilot ? rng.Next(60, 151) : rng.Next(30, 241);
            if (delay >= 90 || stuck)
            {
                var progressDay = start.AddDays((int)(delay * (0.3 + (rng.NextDouble() * 0.4))));
                var improved = Improve(criteria);
                if (improved.Count > 0 && ReportOn(progressDay, last) is var progress && progress >= 0)
                {
                    monthly[progress].Add(new CommunityUpdate(code, null, progressDay, improved));
                    last = progress;
                }
                else if (improved.Count > 0)
                {
                    continue;   // not reported yet, nor anything after it
                }
            }
            if (stuck)
            {
                continue;
            }
            var missing = Complete(criteria);
            if (missing.Count > 0)
            {
                var readyDay = start.AddDays(delay);
                if (ReportOn(readyDay, last) is not (var ready and >= 0))
                {
                    continue;
                }
                monthly[ready].Add(new CommunityUpdate(code, null, readyDay, missing));
                last = ready;
            }
            // Accepted in a quarterly round after the news that it meets the standard arrived, the first or a later one.
            var eligible = Array.FindIndex(rounds, r => receipts[last] < ChinaTime.StartOfDay(r.Effective));
            var lag = rng.NextDouble() switch { < 0.55 => 0, < 0.85 => 1, _ => 2 };
            if (eligible >= 0 && eligible + lag < rounds.Length)
            {
                accepted[eligible + lag].Add(code);
            }
        }

        AddYearly(ReportKind.Plan, ReportPeriod.OfYear(campaign.Start.Year), campaign.Reporting.PlanDue, lateShare);
        for (var i = 0; i < received; i++)
        {
            AddMonthly(months[i], receipts[i], monthly[i]);
        }
        for (var year = campaign.Start.Year; year <= today.Year; year++)
        {
            AddYearly(ReportKind.Annual, ReportPeriod.OfYear(year), new DateOnly(year, campaign.Reporting.AnnualDueMonth, campaign.Reporting.AnnualDueDay), lateShare);
        }
        for (var r = 0; r < rounds.Length; r++)
        {
            AddAcceptance(rounds[r], accepted[r]);
        }
        return _reports.Where(r => r.ReceivedAt <= now).ToList();
    }

    /// <summary>
    /// The day a community starts for a draw u in [0, 1): the unit's started share rises piecewise linearly, to 3% of the
    /// pace by the pilots' milestone, to the started-share milestone's minimum times the pace by its day, to the
    /// accepted-share milestone's minimum times the pace by its day, then more slowly for three years; null above the end.
    /// </summary>
    private Func<double, DateOnly?> StartCurve(double pace)
    {
        var pilots = campaign.Milestones.FirstOrDefault(m => m.Kind == MilestoneKind.PilotsPerLocality)?.Due ?? campaign.Start.AddMonths(6);
        var started = campaign.Milestones.First(m => m.Kind == MilestoneKind.StartedShare);
        var accepted = campaign.Milestones.First(m => m.Kind == MilestoneKind.AcceptedShare);
        var end = Math.Min(0.97, (accepted.Minimum * pace) + 0.27);
        (DateOnly Day, double Share)[] knots =
        [
            (campaign.Start, 0),
            (pilots, 0.03 * pace),
            (started.Due, started.Minimum * pace),
            (accepted.Due, Math.Min(accepted.Minimum * pace, end)),
            (accepted.Due.AddYears(1), Math.Min((accepted.Minimum * pace) + 0.15, end)),
            (accepted.Due.AddYears(3), end),
        ];
        return u =>
        {
            for (var k = 1; k < knots.Length; k++)
            {
                var (from, to) = (knots[k - 1], knots[k]);
                if (u < to.Share)
                {
                    var part = (u - from.Share) / (to.Share - from.Share);
                    return from.Day.AddDays((int)(part * (to.Day.DayNumber - from.Day.DayNumber)));
                }
            }
            return null;
        };
    }

    /// <summary>The quarterly acceptance rounds (the last month of each quarter, from the end of the pilots' year): effective on the 27th.</summary>
    private (DateOnly Effective, DateTimeOffset ReceivedAt, ReportPeriod Period)[] AcceptanceRounds(IReadOnlyList<ReportPeriod> months) => months
        .Where(m => m.Month % 3 == 0 && m.FirstDay >= new DateOnly(campaign.Start.Year, 12, 1))
        .Select(m => (new DateOnly(m.Year, m.Month!.Value, 27), At(new DateOnly(m.Year, m.Month.Value, 28), rng.Next(9, 12)), m))
        .ToArray();

    private Dictionary<int, double> InitialCriteria(double metShare)
    {
        var criteria = new Dictionary<int, double>();
        foreach (var criterion in GreenCommunityStandard.Criteria)
        {
            criteria[criterion.Number] = criterion.IsShare
                ? Math.Round(0.05 + (rng.NextDouble() * 0.55), 2)
                : rng.NextDouble() < metShare ? 1.0 : 0.0;
        }
        return criteria;
    }

    /// <summary>About half of the unmet criteria met now (a share raised, not always past its threshold); only those that changed.</summary>
    private Dictionary<int, double> Improve(Dictionary<int, double> criteria)
    {
        var changed = new Dictionary<int, double>();
        foreach (var criterion in GreenCommunityStandard.Criteria.Where(c => !c.IsMet(criteria[c.Number])))
        {
            if (criterion.IsShare)
            {
                changed[criterion.Number] = Math.Min(1.0, Math.Round(criteria[criterion.Number] + 0.05 + (rng.NextDouble() * 0.2), 2));
            }
            else if (rng.NextDouble() < 0.5)
            {
                changed[criterion.Number] = 1.0;
            }
        }
        foreach (var (number, value) in changed)
        {
            criteria[number] = value;
        }
        return changed;
    }

    /// <summary>Every criterion still unmet now met (a share between its threshold and 70%); only those that changed.</summary>
    private Dictionary<int, double> Complete(Dictionary<int, double> criteria)
    {
        var changed = GreenCommunityStandard.Criteria.Where(c => !c.IsMet(criteria[c.Number])).ToDictionary(
            c => c.Number,
            c => c.IsShare ? Math.Max(c.Threshold!.Value, Math.Round(c.Threshold.Value + (rng.NextDouble() * 0.4), 2)) : 1.0);
        foreach (var (number, value) in changed)
        {
            criteria[number] = value;
        }
        return changed;
    }

    /// <summary>A month's report: between the 10th and the due day, or late, from the day after it up to the 8th of the next month.</summary>
    private DateTimeOffset MonthlyReceipt(ReportPeriod period, double lateShare)
    {
        var due = new DateOnly(period.Year, period.Month!.Value, campaign.Reporting.MonthlyDueDay);
        if (rng.NextDouble() < lateShare)
        {
            var latest = period.FirstDay.AddMonths(1).AddDays(7);
            var late = due.AddDays(rng.Next(1, 14));
            return At(late < latest ? late : latest, rng.Next(8, 18));
        }
        return At(new DateOnly(period.Year, period.Month.Value, rng.Next(Math.Min(10, campaign.Reporting.MonthlyDueDay), campaign.Reporting.MonthlyDueDay + 1)), rng.Next(8, 18));
    }

    private void AddMonthly(ReportPeriod period, DateTimeOffset receivedAt, List<CommunityUpdate> updates)
    {
        updates.Sort((a, b) => string.CompareOrdinal(a.Community, b.Community));
        var started = updates.Count(u => u.Stage is not null);
        var name = SenderName;
        var narrative = period.FirstDay <= campaign.End
            ? string.Create(CultureInfo.InvariantCulture, $"{name}{period}绿色社区创建工作进展：新启动{started}个社区，更新{updates.Count - started}个社区的创建标准评估。")
            : updates.Count == 0
                ? $"{name}{period}绿色社区长效管理情况：巩固创建成果，本月无新增变化。"
                : string.Create(CultureInfo.InvariantCulture, $"{name}{period}绿色社区长效管理情况：新启动{started}个社区，更新{updates.Count - started}个社区的创建标准评估。");
        AddLocalityReport(ReportKind.Monthly, period, receivedAt, updates, narrative);
    }

    private void AddYearly(ReportKind kind, ReportPeriod period, DateOnly due, double lateShare)
    {
        var receivedAt = rng.NextDouble() < lateShare
            ? At(due.AddDays(rng.Next(1, 11)), rng.Next(8, 18))
            : At(due.AddDays(-rng.Next(0, 16)), rng.Next(8, 18));
        var narrative = kind == ReportKind.Plan
            ? $"{SenderName}绿色社区创建行动实施方案。"
            : $"{SenderName}{period}年度绿色社区创建工作报告及下一年度工作计划。";
        AddLocalityReport(kind, period, receivedAt, [], narrative);
    }

    private void AddAcceptance((DateOnly Effective, DateTimeOffset ReceivedAt, ReportPeriod Period) round, List<string> communities)
    {
        if (communities.Count == 0)
        {
            return;
        }
        communities.Sort(StringComparer.Ordinal);
        var department = $"{locality.ProvinceName}住房和城乡建设厅";
        var narrative = string.Create(CultureInfo.InvariantCulture, $"{department}对{SenderName}{communities.Count}个社区进行验收考核，均达到绿色社区创建标准。");
        var updates = communities.Select(c => new CommunityUpdate(c, Stage.Accepted, round.Effective, new Dictionary<int, double>())).ToList();
        var report = new ReportSubmission(locality.Code, ReportKind.Monthly, round.Period, department, narrative, updates);
        _reports.Add(new PlannedReport(round.ReceivedAt, SubmitterScope.Province, report, NewReportId()));
    }

    private void AddLocalityReport(ReportKind kind, ReportPeriod period, DateTimeOffset receivedAt, IReadOnlyList<CommunityUpdate> updates, string narrative)
    {
        var report = new ReportSubmission(locality.Code, kind, period, $"{SenderName}住房和城乡建设局", narrative, updates);
        _reports.Add(new PlannedReport(receivedAt, SubmitterScope.ForLocality(locality.Code), report, NewReportId()));
    }

    /// <summary>The unit's name, or for the NBS placeholders (市辖区, 县, …) its province's name before it (the whole name for 市辖区).</summary>
    private string SenderName => locality.Name == s_placeholderNames[0] ? locality.ProvinceName
        : s_placeholderNames.Contains(locality.Name) ? locality.ProvinceName + locality.Name
        : locality.Name;

    private DateTimeOffset At(DateOnly day, int hour) =>
        ChinaTime.StartOfDay(day).AddHours(hour).AddMinutes(rng.Next(0, 60)).AddSeconds(rng.Next(0, 60));

    private DateOnly RandomDay(DateOnly first, DateOnly last) =>
        last <= first ? first : first.AddDays(rng.Next(0, last.DayNumber - first.DayNumber + 1));

    private string NewReportId()
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes).ToString("N");
    }
}
