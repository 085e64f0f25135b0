using System.Globalization;
using GreenCommunity.Dashboard.Compliance;
using GreenCommunity.Data.Bulletins;
using GreenCommunity.Domain;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reporting;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Bulletins;

/// <summary>How a bulletin reads: in the page's language, or in Chinese for the province's file.</summary>
public sealed class BulletinTexts
{
    private static readonly CultureInfo s_chinese = new("zh-Hans");

    private readonly Func<string, string> _text;

    private BulletinTexts(Func<string, string> text, CultureInfo culture, ComplianceTexts reporting, bool english)
    {
        _text = text;
        Culture = culture;
        Reporting = reporting;
        English = english;
    }

    public static BulletinTexts Of(IStringLocalizer<Resources.Bulletins> loc, IStringLocalizer<Resources.Reporting> reporting) =>
        new(name => loc[name].Value, CultureInfo.CurrentCulture, ComplianceTexts.Of(reporting), Localization.DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture));

    /// <summary>Chinese whatever the reader's language: the file the province sends out.</summary>
    public static BulletinTexts Chinese { get; } = new(name => Resources.Bulletins.ResourceManager.GetString(name, s_chinese) ?? name, s_chinese, ComplianceTexts.Chinese, english: false);

    public CultureInfo Culture { get; }

    public bool English { get; }

    private ComplianceTexts Reporting { get; }

    public string this[string name] => _text(name);

    public string Format(string name, params object[] values) => string.Format(Culture, _text(name), values);

    /// <summary>"湖北省绿色社区创建工作通报".</summary>
    public string Title(string provinceName) => Format(nameof(Resources.Bulletins.Title), provinceName);

    /// <summary>"2026年第3期", or the draft's mark.</summary>
    public string Number(BulletinRecord record) => record is { NumberYear: { } year, Number: { } number }
        ? Format(nameof(Resources.Bulletins.NumberFormat), year.ToString(CultureInfo.InvariantCulture), number.ToString(CultureInfo.InvariantCulture))
        : this[nameof(Resources.Bulletins.DraftMark)];

    public string Percent(double share) => Format(nameof(Resources.Bulletins.PercentFormat), share * 100);

    /// <summary>Points (or pilots) ahead of or behind the target.</summary>
    public string Distance(double distance) => distance >= 0
        ? Format(nameof(Resources.Bulletins.DistanceAhead), distance)
        : Format(nameof(Resources.Bulletins.DistanceBehind), -distance);

    /// <summary>A locality's verdict on a milestone: met or missed once due; reached so far or not yet before.</summary>
    public string Verdict(MilestoneVerdicts milestone, LocalityVerdict verdict) => (milestone.Final, verdict.Met) switch
    {
        (true, true) => this[nameof(Resources.Bulletins.MilestoneMet)],
        (true, false) => this[nameof(Resources.Bulletins.MilestoneMissed)],
        (false, true) => this[nameof(Resources.Bulletins.MilestoneOnTrack)],
        _ => this[nameof(Resources.Bulletins.MilestoneBehind)],
    };

    /// <summary>What the milestone's measure reads: a pilot count or a share.</summary>
    public string Measure(MilestoneVerdicts milestone, LocalityVerdict verdict) =>
        milestone.Kind == ApiNames.Of(MilestoneKind.PilotsPerLocality) ? verdict.Measure.ToString("0", Culture) : Percent(verdict.Measure);

    public string MilestoneSummary(MilestoneVerdicts milestone) => Format(
        milestone.Final ? nameof(Resources.Bulletins.MilestoneSummaryFinal) : nameof(Resources.Bulletins.MilestoneSummaryOpen),
        IsoDay.Text(milestone.Due), milestone.MetCount, milestone.Localities.Count - milestone.MetCount);

    /// <summary>"2026-10月报", "2026年度报告": the compliance page's names of the report.</summary>
    public string Report(ReportLapse lapse) =>
        ApiNames.TryParse<ReportKind>(lapse.Kind, out var kind) && ReportPeriod.TryParse(lapse.Period, kind == ReportKind.Monthly, out var period)
            ? Reporting.Duty(new ReportDuty(kind, period))
            : $"{lapse.Kind} {lapse.Period}";

    public string State(ReportLapse lapse) => lapse.State == ApiNames.Of(ComplianceState.Late)
        ? Format(nameof(Resources.Bulletins.StateLate), lapse.Days)
        : Format(nameof(Resources.Bulletins.StateMissing), lapse.Days);

    public string Criterion(int criterion) => Format(nameof(Resources.Bulletins.CriterionNumber), criterion);

    public string Name(BulletinName name) => name.Display(English);
}
