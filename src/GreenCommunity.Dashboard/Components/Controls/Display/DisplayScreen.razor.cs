using System.Globalization;
using GreenCommunity.Dashboard.Display;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Subscriptions;
using GreenCommunity.Domain.Progress;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Controls.Display;

/// <summary>
/// A wall screen's state: the shared live snapshot (or a replay's frame), the feed, the rotation and its timer. It
/// reads nothing from the store itself; a change re-renders it at most once per <see cref="CallbackThrottler.DefaultInterval"/>.
/// </summary>
public sealed partial class DisplayScreen : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private LiveChangeBatches? _live;
    private ITimer? _timer;
    private ElementReference _root;
    private bool _focused;

    [Inject]
    public required LiveProgress Live { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Display> Loc { get; init; }

    /// <summary>The address's <c>?panels=</c>, <c>?rotate=</c>, <c>?focus=</c>, <c>?replay=</c> and <c>?speed=</c>, as received.</summary>
    [Parameter]
    public string? PanelsText { get; set; }

    [Parameter]
    public string? RotateText { get; set; }

    [Parameter]
    public string? FocusText { get; set; }

    [Parameter]
    public string? ReplayText { get; set; }

    [Parameter]
    public string? SpeedText { get; set; }

    public DisplaySettings Settings { get; private set; } = DisplaySettings.Default;

    public DisplayRotation Rotation { get; private set; } = new(DisplayPanels.All, [], null);

    /// <summary>Today's live snapshot, as the last change brought it.</summary>
    private ProgressSnapshot? Current { get; set; }

    /// <summary>The replay's month end on screen; null when live.</summary>
    private ProgressSnapshot? Frame { get; set; }

    private ProgressSnapshot? Shown => Frame ?? Current;

    private IReadOnlyList<FeedItem> Feed { get; set; } = [];

    /// <summary>The reports on the ticker when the screen opened: not highlighted as new.</summary>
    private HashSet<string> _onOpening = [];

    /// <summary>The localities whose reports just arrived (flashed on the province map, by CSS that ends the flash itself).</summary>
    private IReadOnlySet<string> Flash { get; set; } = new HashSet<string>();

    /// <summary>The districts whose reports just arrived, for the locality in focus.</summary>
    private IReadOnlySet<string> FocusFlash { get; set; } = new HashSet<string>();

    private long FlashVersion { get; set; }

    private static bool English => DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture);

    protected override async Task OnInitializedAsync()
    {
        _live = new LiveChangeBatches(Live, Clock, ApplyChangesAsync);
        Feed = Live.Feed.Take(ReportTicker.Lines).ToList();
        _onOpening = Feed.Select(f => f.ReportId).ToHashSet(StringComparer.Ordinal);
        var current = await Live.GetAsync(null, _cancellation.Token);
        var localities = current.Province.Children.Select(c => c.Region.Code).ToList();
        Settings = DisplaySettings.Parse(PanelsText, RotateText, FocusText, ReplayText, SpeedText, localities, current.Campaign.Start, current.Day);
        Rotation = new DisplayRotation(Settings.Panels, localities, Settings.Focus);
        Current = current;
        _timer = Clock.CreateTimer(_ => _ = InvokeAsync(OnRotationTick), null, Settings.Rotate, Settings.Rotate);
        if (Settings.Replay is { } replay)
        {
            _ = ReplayAsync(replay);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The keys reach the screen without a click: it takes the focus once it is drawn.
        if (!_focused && Shown is not null && RendererInfo.IsInteractive)
        {
            _focused = true;
            await _root.FocusAsync();
        }
    }

    private void OnRotationTick()
    {
        if (Rotation.Advance())
        {
            StateHasChanged();
        }
    }

    /// <summary>Space pauses and resumes; the arrows step (and start the panel's full time again).</summary>
    private void OnKeyAsync(KeyboardEventArgs e)
    {
        switch (e.Key)
        {
            case " " or "Spacebar":
                Rotation.TogglePause();
                break;
            case "ArrowRight" or "ArrowDown" or "PageDown":
                Rotation.Step(1);
                break;
            case "ArrowLeft" or "ArrowUp" or "PageUp":
                Rotation.Step(-1);
                break;
            default:
                return;
        }
        _timer?.Change(Settings.Rotate, Settings.Rotate);
    }

    /// <summary>The month ends one after another (each computed once and shared with every page replaying it), then live.</summary>
    private async Task ReplayAsync(ReplayPlan replay)
    {
        try
        {
            foreach (var day in replay.Frames)
            {
                var frame = await Live.GetAsync(day, _cancellation.Token);
                await InvokeAsync(() => { Frame = frame; StateHasChanged(); });
                await Task.Delay(replay.Step, Clock, _cancellation.Token);
            }
            await InvokeAsync(() => { Frame = null; StateHasChanged(); });
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            // The screen was closed during the replay.
        }
#pragma warning disable CA1031 // Surfaced on the circuit rather than lost on the thread pool.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private string PanelTitle(ProgressSnapshot snapshot) => Rotation.Current switch
    {
        DisplayPanel.Map => Loc[nameof(Resources.Display.PanelMap)],
        DisplayPanel.Ranking => Loc[nameof(Resources.Display.PanelRanking)],
        DisplayPanel.Criteria => Loc[nameof(Resources.Display.PanelCriteria)],
        DisplayPanel.Compliance => Loc[nameof(Resources.Display.PanelCompliance)],
        _ => Loc[nameof(Resources.Display.PanelFocus), FocusTree(snapshot)?.Region.DisplayName(English) ?? ""],
    };

    private RegionProgress? FocusTree(ProgressSnapshot snapshot) =>
        Rotation.FocusLocality is { } code ? snapshot.Province.Find(code) : null;

    private static IReadOnlyList<(string Code, string Name)> Localities(ProgressSnapshot snapshot) =>
        snapshot.Derived(("children", snapshot.Province.Region.Code, CultureInfo.CurrentUICulture.Name),
            s => s.Province.Children.Select(c => (c.Region.Code, c.Region.DisplayName(English))).ToList());

    /// <summary>The newest report's time today, or its day and time when none came today.</summary>
    private string LatestText(DateTimeOffset received)
    {
        var local = received.ToOffset(Domain.Campaigns.ChinaTime.Offset);
        return local.ToString(DateOnly.FromDateTime(local.DateTime) == Live.Today ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    private bool ArrivedSinceOpened(string reportId) => !_onOpening.Contains(reportId);

    private string LocalityName(string code) => Shown?.Province.Find(code)?.Region.DisplayName(English) ?? code;

    /// <summary>At most once per throttle interval: the newest snapshot, the feed, the flash.</summary>
    private async Task ApplyChangesAsync(IReadOnlyList<LiveChange> changes)
    {
        var latest = changes[^1];
        var arrived = changes.SelectMany(c => c.Arrived).ToList();
        await InvokeAsync(() =>
        {
            Current = latest.Current;
            Feed = latest.Feed.Take(ReportTicker.Lines).ToList();
            if (arrived.Count > 0)
            {
                Flash = arrived.Select(n => n.Locality).ToHashSet(StringComparer.Ordinal);
                FocusFlash = arrived.Where(n => n.Locality == Rotation.FocusLocality).SelectMany(n => n.Counties).ToHashSet(StringComparer.Ordinal);
                FlashVersion++;
            }
            StateHasChanged();
        });
    }

    public void Dispose()
    {
        _live?.Dispose();
        _timer?.Dispose();
        _cancellation.Cancel();
    }
}
