using GreenCommunity.Dashboard.Contracts;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Domain.Campaigns;
using Microsoft.AspNetCore.SignalR;

namespace GreenCommunity.Dashboard.Live;

/// <summary>
/// Fans changes out to external SignalR clients: "reportReceived" as soon as a report commits, "summaryChanged"
/// from the shared live view's snapshot (no query of its own). Each message is built once and sent once to all
/// connections or to a group, never per connection. With several servers on a SignalR backplane, "all connections"
/// are every server's, so only the server that committed a report announces it; without one, each server tells its own.
/// </summary>
public sealed class HubBroadcaster(ProgressNotifier notifier, LiveProgress live, IHubContext<ProgressHub, IProgressClient> hub, HubSubscriptions subscriptions,
    RedisBackplane backplane) : IHostedService
{
    private readonly bool _backplane = backplane.IsConfigured;

    private IDisposable? _reports;
    private IDisposable? _changes;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _reports = notifier.Subscribe(SendReportAsync);
        _changes = live.Subscribe(SendSummariesAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _reports?.Dispose();
        _changes?.Dispose();
        return Task.CompletedTask;
    }

    private bool AnnouncedElsewhere(ReportNotice notice) => _backplane && notice.FromAnotherServer;

    private Task SendReportAsync(ReportNotice notice) => AnnouncedElsewhere(notice) ? Task.CompletedTask :
        hub.Clients.All.ReportReceivedAsync(new ReportReceivedMessage(notice.ReportId, notice.Locality, notice.Kind,
            notice.Period, notice.OnTime, notice.ReceivedAt.ToOffset(ChinaTime.Offset), notice.Applied));

    /// <summary>The province's and each reporting locality's summary to every connection; a touched county's to the group that subscribed to it.</summary>
    private async Task SendSummariesAsync(LiveChange change)
    {
        if (change.Arrived.Count == 0 || change.Arrived.All(AnnouncedElsewhere))
        {
            return;   // a new day without a report, or reports the server that took them announces to every connection
        }
        var snapshot = change.Current;
        var tree = snapshot.Province;
        await hub.Clients.All.SummaryChangedAsync(RegionSummary.From(tree, snapshot.Day, withChildren: false));
        foreach (var locality in change.Arrived.Select(n => n.Locality).Distinct(StringComparer.Ordinal))
        {
            if (tree.Find(locality) is { } node)
            {
                await hub.Clients.All.SummaryChangedAsync(RegionSummary.From(node, snapshot.Day, withChildren: false));
            }
        }
        var touched = change.Arrived.SelectMany(n => n.Counties).ToHashSet(StringComparer.Ordinal);
        foreach (var scope in subscriptions.Scopes().Where(touched.Contains))
        {
            if (tree.Find(scope) is { } node)
            {
                await hub.Clients.Group(HubSubscriptions.Group(scope)).SummaryChangedAsync(RegionSummary.From(node, snapshot.Day, withChildren: false));
            }
        }
    }
}
