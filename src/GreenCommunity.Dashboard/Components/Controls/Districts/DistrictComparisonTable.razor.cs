using System.Globalization;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Domain.Campaigns;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Controls.Districts;

/// <summary>
/// A locality's districts side by side on a day, sortable by each column, with the locality and the province below as
/// references and each row's forecast. On a phone the table scrolls in its own box under a sticky name column.
/// </summary>
public sealed partial class DistrictComparisonTable : SnapshotPart
{
    /// <summary>The columns, in order; <see cref="Header"/> names them, <see cref="SortKey"/> orders by them.</summary>
    internal static readonly string[] Columns =
    [
        "region", "rank", "communities", "pilots", "started", "started-rate", "accepted", "accepted-rate",
        "started-1m", "accepted-1m", "started-3m", "accepted-3m", "pilots-needed", "started-needed", "accepted-needed", "forecast",
    ];

    private string? _sortKey;
    private bool _descending;

    [Inject]
    public required IStringLocalizer<Resources.Districts> Loc { get; init; }

    [Parameter, EditorRequired]
    public required DistrictComparison Comparison { get; set; }

    /// <summary>The address of the same comparison as a workbook.</summary>
    [Parameter]
    public string? DownloadHref { get; set; }

    protected override IEnumerable<object?> Inputs => [Comparison, DownloadHref];

    private static bool English => DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture);

    /// <summary>Opens on the measure of the day, lowest first: who is furthest behind.</summary>
    private string CurrentSort => _sortKey ?? MeasureColumn;

    private string MeasureColumn => Comparison.Measure == ComparisonMeasure.AcceptedRate ? "accepted-rate" : "started-rate";

    private IEnumerable<ComparisonRow> Sorted
    {
        get
        {
            var key = CurrentSort;
            var rows = _descending
                ? Comparison.Districts.OrderByDescending(r => SortKey(key, r))
                : Comparison.Districts.OrderBy(r => SortKey(key, r));
            return rows.ThenBy(r => r.Region.Code, StringComparer.Ordinal);
        }
    }

    private void SortBy(string key)
    {
        _descending = CurrentSort == key && !_descending;
        _sortKey = key;
    }

    private string? AriaSort(string key) => CurrentSort != key ? null : _descending ? "descending" : "ascending";

    /// <summary>What a column orders by: its number; the forecast puts those at risk first, then the furthest short.</summary>
    internal static IComparable SortKey(string key, ComparisonRow row) => key switch
    {
        "rank" => row.Rank ?? int.MaxValue,
        "communities" => row.Figures.Communities,
        "pilots" => row.Figures.PilotsEver,
        "started" => row.Figures.Started,
        "started-rate" => row.Figures.StartedRate,
        "accepted" => row.Figures.Accepted,
        "accepted-rate" => row.Figures.AcceptedRate,
        "started-1m" => row.StartedChange1,
        "accepted-1m" => row.AcceptedChange1,
        "started-3m" => row.StartedChange3,
        "accepted-3m" => row.AcceptedChange3,
        "pilots-needed" => row.PilotsNeeded ?? -1,
        "started-needed" => row.StartedNeeded,
        "accepted-needed" => row.AcceptedNeeded,
        "forecast" => ForecastWords.Order(row.Forecast),
        _ => row.Region.Code,
    };

    private string Header(string key) => key switch
    {
        "rank" => Loc[nameof(Resources.Districts.ColumnRank)],
        "communities" => Loc[nameof(Resources.Districts.ColumnCommunities)],
        "pilots" => Loc[nameof(Resources.Districts.ColumnPilots)],
        "started" => Loc[nameof(Resources.Districts.ColumnStarted)],
        "started-rate" => Loc[nameof(Resources.Districts.ColumnStartedRate)],
        "accepted" => Loc[nameof(Resources.Districts.ColumnAccepted)],
        "accepted-rate" => Loc[nameof(Resources.Districts.ColumnAcceptedRate)],
        "started-1m" => Loc[nameof(Resources.Districts.ColumnStartedChange1)],
        "accepted-1m" => Loc[nameof(Resources.Districts.ColumnAcceptedChange1)],
        "started-3m" => Loc[nameof(Resources.Districts.ColumnStartedChange3)],
        "accepted-3m" => Loc[nameof(Resources.Districts.ColumnAcceptedChange3)],
        "pilots-needed" => Loc[nameof(Resources.Districts.ColumnPilotsNeeded), Comparison.Pilots is { } p ? N((int)p.Minimum) : "—"],
        "started-needed" => Loc[nameof(Resources.Districts.ColumnStartedNeeded), Share(Comparison.Started)],
        "accepted-needed" => Loc[nameof(Resources.Districts.ColumnAcceptedNeeded), Share(Comparison.Accepted)],
        "forecast" => Loc[nameof(Resources.Districts.ColumnForecast)],
        _ => Loc[nameof(Resources.Districts.ColumnDistrict)],
    };

    /// <summary>The one sentence that says how the forecast is made (with the districts' next due day: the pilot target is not theirs).</summary>
    private string Method => (Comparison.Districts.Count > 0 ? Comparison.Districts[0] : Comparison.Locality).Forecast.Target is { } target
        ? Loc[nameof(Resources.Districts.MethodBefore), IsoDay.Text(target.Due)]
        : Loc[nameof(Resources.Districts.MethodAfter), Share(Comparison.Accepted)];

    private string NeededNote => Loc[nameof(Resources.Districts.NeededNote), Share(Comparison.Started), Share(Comparison.Accepted)];

    private string RankNote => Loc[nameof(Resources.Districts.RankNote), Header(MeasureColumn)];

    private string Rank(ComparisonRow row) => row.Rank is { } rank ? Loc[nameof(Resources.Districts.RankOf), N(rank), N(row.Peers)] : "—";

    private static string Share(Milestone? milestone) => milestone is null ? "—" : milestone.Minimum.ToString("P0", CultureInfo.CurrentCulture);

    private static string N(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private static string P(double value) => value.ToString("P1", CultureInfo.CurrentCulture);

    /// <summary>A gain with its sign: "+12", "0", "−3".</summary>
    private static string Change(int value) => value.ToString("+#,0;−#,0;0", CultureInfo.CurrentCulture);

    private static string Invariant(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
