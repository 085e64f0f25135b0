using GreenCommunity.Dashboard.Api;
using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Campaigns;
using Microsoft.AspNetCore.SignalR;

namespace GreenCommunity.Dashboard.Live;

/// <summary>Fans committed reports out to external SignalR clients through the same notifier the pages use.</summary>
public sealed class HubBroadcaster(ProgressNotifier notifier, IHubContext<ProgressHub> hub, HubSubscriptions subscriptions, ProgressReader progress) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.Subscribe(BroadcastAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private async Task BroadcastAsync(ReportNotice notice)
    {
        await hub.Clients.All.SendAsync(ProgressHub.ReportReceived, new ReportReceivedMessage(notice.ReportId, notice.Locality, notice.Kind,
            notice.Period, notice.OnTime, notice.ReceivedAt.ToOffset(ChinaTime.Offset), notice.Applied));

        var today = progress.Today;
        var tree = await progress.GetProvinceAsync(null, CancellationToken.None);
        await hub.Clients.All.SendAsync(ProgressHub.SummaryChanged, RegionSummary.From(tree, today, withChildren: false));
        if (tree.Find(notice.Locality) is { } locality)
        {
            await hub.Clients.All.SendAsync(ProgressHub.SummaryChanged, RegionSummary.From(locality, today, withChildren: false));
        }
        // Other subscribed scopes only when the report touched them (its counties).
        foreach (var scope in subscriptions.Scopes().Where(notice.Counties.Contains))
        {
            if (tree.Find(scope) is { } node)
            {
                await hub.Clients.Group(HubSubscriptions.Group(scope)).SendAsync(ProgressHub.SummaryChanged, RegionSummary.From(node, today, withChildren: false));
            }
        }
    }
}
