using System.Globalization;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Maps;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Dashboard.Subscriptions;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Regions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Controls.Dashboard;

/// <summary>
/// A region's live dashboard on one day. It reads nothing from the store: figures come from the shared live view's
/// snapshots, and a change re-renders this page at most once per <see cref="CallbackThrottler.DefaultInterval"/>.
/// </summary>
public sealed partial class RegionDashboard : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private LiveChangeBatches? _live;
    private CancellationTokenSource? _replay;

    [Inject]
    public required LiveProgress Live { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Overview> Loc { get; init; }

    /// <summary>A locality's code; null for the province.</summary>
    [Parameter]
    public string? Region { get; set; }

    /// <summary>The address's <c>?asOf=</c>, as the page received it.</summary>
    [Parameter]
    public string? AsOfText { get; set; }

    /// <summary>The root of the tree: the province (or, in a national deployment, the country).</summary>
    private bool AtProvince => Region is null;

    /// <summary>A province's page in a national deployment: its localities as rows, like the root's.</summary>
    private bool OfProvince => RegionCodes.IsProvinceCode(Region);

    /// <summary>A locality's page: its county-level units, its work, its reporting.</summary>
    private bool OfLocality => !AtProvince && !OfProvince;

    private ShownDay Day { get; set; } = null!;

    private ProgressSnapshot? Snapshot { get; set; }

    private OverviewModel? Model { get; set; }

    /// <summary>The same figures one and three months before the day shown: the comparison's changes and the forecasts' pace.</summary>
    private EarlierSnapshots? Earlier { get; set; }

    private bool NotFound { get; set; }

    private IReadOnlyList<FeedItem> Feed { get; set; } = [];

    /// <summary>The regions on the map whose reports just arrived, flashed (by CSS, which ends the flash itself).</summary>
    private IReadOnlySet<string> Flash { get; set; } = new HashSet<string>();

    private long FlashVersion { get; set; }

    private MapMetric Metric { get; set; } = MapMetric.TargetDistance;

    private bool Playing => _replay is not null;

    private static bool English => DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture);

    /// <summary>Whose rates the cards show: the province-wide ones, or the locality's own.</summary>
    private string RegionName => AtProvince ? Loc[nameof(Resources.Overview.ProvinceWide)] : Model?.Tree.Region.DisplayName(English) ?? "";

    private string? MarksNote => Model is null ? null : $"{Loc[nameof(Resources.Overview.TableMarksNote),
        DueOf(Model.Pilots), DueOf(Model.Started), DueOf(Model.Accepted)].Value} {OrderNote}";

    private string? OrderNote => Model?.Target is { } target
        ? Loc[nameof(Resources.Overview.TableOrderNote), TargetDistance.ShortName(target, Loc)].Value
        : null;

    private static string DueOf(MilestoneStatus? status) => status is null ? "—" : IsoDay.Text(status.Milestone.Due);

    protected override void OnInitialized()
    {
        // A locality's districts lie close together: its map opens on bands of their own spread, the comparison's measure.
        if (OfLocality)
        {
            Metric = MapMetric.DistrictSpread;
        }
        _live = new LiveChangeBatches(Live, Clock, ApplyChangesAsync);
        Feed = Visible(Live.Feed);
    }

    protected override async Task OnParametersSetAsync()
    {
        StopReplay();
        Day = ShownDay.Parse(AsOfText, Live.Today);
        var snapshot = await Live.GetAsync(Day.Past, _cancellation.Token);
        Show(snapshot, await EarlierSnapshots.LoadAsync(Live, snapshot.Day, _cancellation.Token));
        if (NotFound)
        {
            Navigation.NotFound();   // /locality/999999 is a dead end: the not-found page, status 404, a way back
        }
    }

    private void Show(ProgressSnapshot snapshot, EarlierSnapshots earlier)
    {
        Snapshot = snapshot;
        Earlier = earlier;
        // A locality's page, or a province's in a national deployment; not the root's own code, not a county-level unit.
        NotFound = Region is not null && snapshot.Province.Find(Region) is not { Region: { IsRoot: false, Level: RegionLevel.Province or RegionLevel.Prefecture } };
        Model = NotFound ? null : OverviewModelBuilder.For(snapshot, Region);
    }

    private string LocalityLink(string code) => Day.Link($"/locality/{code}");

    /// <summary>The comparison's workbook on the day shown.</summary>
    private string DistrictsWorkbookLink => Day.Link($"/locality/{Region}/districts.xlsx");

    private string Path => AtProvince ? "/" : $"/locality/{Region}";

    private void OnAsOfChanged(DateOnly? day)
    {
        StopReplay();
        Navigation.NavigateTo(ShownDay.Of(day, Day.Today).Link(Path));
    }

    /// <summary>Replay: from the campaign's start, one month end after another, up to the chosen day (or today).</summary>
    private async Task PlayAsync(int monthsPerSecond)
    {
        StopReplay();
        var replay = _replay = CancellationTokenSource.CreateLinkedTokenSource(_cancellation.Token);
        var end = Day.AsOf;
        var start = Snapshot!.Campaign.Start;
        var day = new DateOnly(start.Year, start.Month, 1).AddMonths(1).AddDays(-1);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / monthsPerSecond), Clock);
        try
        {
            while (!replay.IsCancellationRequested)
            {
                var frame = day < end ? day : end;
                // Month ends are past days: computed once and shared by every page replaying them.
                var snapshot = await Live.GetAsync(frame, replay.Token);
                var earlier = await EarlierSnapshots.LoadAsync(Live, frame, replay.Token);
                await InvokeAsync(() => { Show(snapshot, earlier); StateHasChanged(); });
                if (frame == end)
                {
                    break;
                }
                day = day.AddDays(1).AddMonths(1).AddDays(-1);
                await timer.WaitForNextTickAsync(replay.Token);
            }
        }
        catch (OperationCanceledException) when (replay.IsCancellationRequested)
        {
            // Paused or the page closed.
        }
        if (_replay == replay)
        {
            _replay = null;
            replay.Dispose();
            StateHasChanged();
        }
    }

    /// <summary>Pausing keeps the frame on screen and in the address, so the view can be shared.</summary>
    private void Pause()
    {
        var shown = Model?.AsOf;
        StopReplay();
        if (shown is { } day)
        {
            Navigation.NavigateTo(ShownDay.Of(day, Day.Today).Link(Path), replace: true);
        }
    }

    private void StopReplay()
    {
        var replay = _replay;
        _replay = null;
        replay?.Cancel();
    }

    private string LocalityName(string code) =>
        Snapshot?.Province.Find(code)?.Region.DisplayName(English) ?? code;

    /// <summary>The feed of the province, or of the locality shown.</summary>
    private IReadOnlyList<FeedItem> Visible(IReadOnlyList<FeedItem> feed) =>
        (AtProvince ? feed : feed.Where(f => InView(f.Locality))).Take(LiveProgress.FeedSize).ToList();

    /// <summary>Whether a locality's report belongs on this page (the province's pages take their localities').</summary>
    private bool InView(string locality) => AtProvince || locality == Region || (OfProvince && locality.StartsWith(Region![..2], StringComparison.Ordinal));

    /// <summary>At most once per throttle interval: the newest snapshot (or the shown past day's, if a late report changed it), the feed, the flash.</summary>
    private async Task ApplyChangesAsync(IReadOnlyList<LiveChange> changes)
    {
        try
        {
            var latest = changes[^1];
            var day = Day;
            ProgressSnapshot? next = null;
            EarlierSnapshots? earlier = null;
            if (!Playing && (day.IsToday || changes.Any(c => c.Affects(day.AsOf))))
            {
                next = day.IsToday ? latest.Current : await Live.GetAsync(day.AsOf, _cancellation.Token);
                // Past days from the shared cache (a late report may have dropped them: then computed once for all pages).
                earlier = await EarlierSnapshots.LoadAsync(Live, next.Day, _cancellation.Token);
            }
            var arrived = changes.SelectMany(c => c.Arrived).ToList();
            await InvokeAsync(() =>
            {
                if (next is not null && earlier is not null && Day == day)
                {
                    Show(next, earlier);
                }
                Feed = Visible(latest.Feed);
                if (day.IsToday && arrived.Count > 0)
                {
                    Flash = (OfLocality ? arrived.Where(n => n.Locality == Region).SelectMany(n => n.Counties) : arrived.Where(n => InView(n.Locality)).Select(n => n.Locality)).ToHashSet(StringComparer.Ordinal);
                    FlashVersion++;
                }
                StateHasChanged();
            });
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            // The page was closed while a past day was being recomputed.
        }
#pragma warning disable CA1031 // Surfaced on the circuit rather than thrown into the live view.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await DispatchExceptionAsync(ex);
        }
    }

    public void Dispose()
    {
        _live?.Dispose();
        // Cancelled, not disposed: a change already being applied may still read the token.
        StopReplay();
        _cancellation.Cancel();
    }
}
