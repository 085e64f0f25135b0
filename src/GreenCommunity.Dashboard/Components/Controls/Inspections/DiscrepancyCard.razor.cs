using GreenCommunity.Dashboard.Inspections;
using GreenCommunity.Data.Inspections;
using Microsoft.AspNetCore.Components;

namespace GreenCommunity.Dashboard.Components.Controls.Inspections;

/// <summary>
/// The count of accepted communities with an open inspection finding, read again whenever an inspection is recorded
/// or answered (rare: one count query each time, not the live view's snapshot).
/// </summary>
public sealed partial class DiscrepancyCard : IDisposable
{
    private readonly CancellationTokenSource _leaving = new();

    [Inject]
    public required InspectionQueries Queries { get; init; }

    [Inject]
    public required InspectionNotifier Notifier { get; init; }

    /// <summary>A locality's code on its page; null on the province's overview.</summary>
    [Parameter]
    public string? Locality { get; set; }

    private int? Count { get; set; }

    private string Link => Locality is null ? "/inspections?discrepancy=true" : $"/inspections?discrepancy=true&locality={Uri.EscapeDataString(Locality)}";

    protected override void OnInitialized() => Notifier.Changed += OnChanged;

    protected override async Task OnParametersSetAsync() => Count = await Queries.DiscrepancyCountAsync(Locality, _leaving.Token);

    private void OnChanged() => _ = RefreshAsync();

    private async Task RefreshAsync()
    {
        try
        {
            var count = await Queries.DiscrepancyCountAsync(Locality, _leaving.Token);
            await InvokeAsync(() =>
            {
                Count = count;
                StateHasChanged();
            });
        }
        catch (OperationCanceledException) when (_leaving.IsCancellationRequested)
        {
            // The page went away meanwhile.
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    public void Dispose()
    {
        Notifier.Changed -= OnChanged;
        _leaving.Cancel();
        _leaving.Dispose();
    }
}
