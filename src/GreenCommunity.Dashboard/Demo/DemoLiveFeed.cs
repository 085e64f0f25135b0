using System.Globalization;
using System.Text;
using System.Text.Json;
using GreenCommunity.Dashboard.Configuration;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;
using Microsoft.Extensions.Options;

namespace GreenCommunity.Dashboard.Demo;

/// <summary>
/// Demo mode only: every few seconds a plausible report, as JSON through the same intake the API uses, so that a fresh
/// install is visibly live. Localities follow the reporting calendar (<see cref="DemoReportingCalendar"/>): a locality's
/// monthly report comes when the calendar brings it (so it is on time or late as the clock says, and a locality that
/// misses the month never sends it); until the 25th a locality that has reported may send more news; in between, and
/// every fifth tick, the province accepts communities that are ready.
/// </summary>
public sealed partial class DemoLiveFeed(ReportIntake intake, LiveFeedQueries candidates, ProgressReader progress, ReportQueries reports,
    DemoReportingCalendar calendar, IOptions<DemoOptions> options, TimeProvider clock, ILogger<DemoLiveFeed> logger) : BackgroundService
{
    public const string Client = "demo-feed";

    private static readonly Accounts.Actor s_actor = new(Client, null);

    private readonly Random _random = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        if (!demo.Enabled || demo.LiveFeedSeconds <= 0)
        {
            return;
        }
        var localities = (await progress.GetRegionsAsync(stoppingToken)).Where(r => r.Level == RegionLevel.Prefecture).ToList();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(demo.LiveFeedSeconds), clock);
        var tick = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var locality = localities[_random.Next(localities.Count)];
            try
            {
                var due = ++tick % 5 == 0 ? null : await NextLocalityReportAsync(localities, stoppingToken);
                if (due is { } next)
                {
                    locality = next.Locality;
                }
                var (body, scope) = due is { } report
                    ? (await ProgressReportAsync(report.Locality, report.Period, stoppingToken), SubmitterScope.ForLocality(report.Locality.Code))
                    : (await AcceptanceAsync(locality, stoppingToken), SubmitterScope.Province);
                if (body is null)
                {
                    continue;
                }
                var result = await intake.SubmitJsonAsync(body, scope, Client, Guid.NewGuid().ToString("N"), s_actor, stoppingToken);
                if (result.Status != IntakeStatus.Stored)
                {
                    Refused(logger, locality.Code, string.Join("; ", result.Errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(logger, ex, locality.Code);
            }
        }
    }

    /// <summary>
    /// A report the calendar allows now: one it has brought due and that was not sent (this month's, or last month's
    /// late one), else, until the 25th, more news from a locality that has reported this month; null when there is none.
    /// </summary>
    private async Task<(Region Locality, ReportPeriod Period)?> NextLocalityReportAsync(IReadOnlyList<Region> localities, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sent = new Dictionary<ReportPeriod, IReadOnlyDictionary<string, bool>>();
        foreach (var period in new[] { 0, -1 }.Select(months => MonthOf(now, months)))
        {
            sent[period] = await reports.MonthlyReportsAsync(period.ToString(), now, cancellationToken);
        }
        var byCode = localities.ToDictionary(l => l.Code, StringComparer.Ordinal);
        var due = calendar.Due(byCode.Keys, now, (locality, period) => sent[period].ContainsKey(locality));
        if (due.Count > 0)
        {
            var (code, period) = due[_random.Next(due.Count)];
            return (byCode[code], period);
        }
        var current = MonthOf(now, 0);
        var reported = sent[current].Keys.ToList();
        return calendar.AcceptsMoreNews(now) && reported.Count > 0
            ? (byCode[reported[_random.Next(reported.Count)]], current)
            : null;
    }

    private static ReportPeriod MonthOf(DateTimeOffset now, int monthsFromNow)
    {
        var month = ChinaTime.DateAt(now).AddMonths(monthsFromNow);
        return ReportPeriod.OfMonth(month.Year, month.Month);
    }

    /// <summary>A few communities start, a few improve on criteria they did not meet.</summary>
    private async Task<byte[]> ProgressReportAsync(Region locality, ReportPeriod period, CancellationToken cancellationToken)
    {
        var today = ChinaTime.DateAt(clock.GetUtcNow());
        var updates = new List<object>();
        var starting = await candidates.NotStartedAsync(locality.Code, _random.Next(0, 4), cancellationToken);
        foreach (var community in starting)
        {
            var criteria = GreenCommunityStandard.Criteria.ToDictionary(
                c => c.Number.ToString(CultureInfo.InvariantCulture),
                c => c.IsShare ? (object)Math.Round(0.1 + _random.NextDouble() * 0.6, 2) : _random.NextDouble() < 0.4);
            updates.Add(new { community, stage = Stage.InProgress, effective = Day(today), criteria });
        }
        foreach (var group in (await candidates.UnmetCriteriaAsync(locality.Code, _random.Next(2, 9), cancellationToken)).GroupBy(u => u.Community))
        {
            var criteria = group.ToDictionary(
                u => u.Criterion.ToString(CultureInfo.InvariantCulture),
                u => GreenCommunityStandard.Get((int)u.Criterion).IsShare ? (object)0.45 : true);
            updates.Add(new { community = group.Key, effective = Day(today), criteria });
        }
        return Serialize(locality, period, $"{locality.Name}住房和城乡建设局",
            $"{locality.Name}{period.Year}年{period.Month}月绿色社区创建工作进展：新启动{starting.Count}个社区，更新{updates.Count - starting.Count}个社区的创建标准评估。", updates);
    }

    /// <summary>The province accepts communities that meet all 16 criteria; null when none is ready.</summary>
    private async Task<byte[]?> AcceptanceAsync(Region locality, CancellationToken cancellationToken)
    {
        var today = ChinaTime.DateAt(clock.GetUtcNow());
        var ready = await candidates.ReadyForAcceptanceAsync(locality.Code, _random.Next(1, 4), cancellationToken);
        if (ready.Count == 0)
        {
            return null;
        }
        var updates = ready.Select(community => (object)new { community, stage = Stage.Accepted, effective = Day(today) }).ToList();
        return Serialize(locality, ReportPeriod.OfMonth(today.Year, today.Month), DemoCampaignPlan.ProvinceSubmitter,
            $"省住建厅对{locality.Name}{ready.Count}个社区进行验收考核，均达到《湖北省绿色社区创建标准（试行）》。", updates);
    }

    private static byte[] Serialize(Region locality, ReportPeriod period, string submittedBy, string narrative, List<object> updates) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            locality = locality.Code,
            kind = ReportKind.Monthly,
            period = period.ToString(),
            submittedBy,
            narrative,
            updates,
        }));

    private static string Day(DateOnly day) => IsoDay.Text(day);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The demo feed's report for {Locality} was refused: {Errors}")]
    private static partial void Refused(ILogger logger, string locality, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The demo feed failed for {Locality}")]
    private static partial void Failed(ILogger logger, Exception ex, string locality);
}
