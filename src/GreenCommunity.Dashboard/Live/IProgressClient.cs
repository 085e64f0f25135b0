using GreenCommunity.Dashboard.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace GreenCommunity.Dashboard.Live;

/// <summary>
/// What <see cref="ProgressHub"/> sends to its clients. A public contract: the event names on the wire are the
/// attributes' (<see cref="ProgressHub.ReportReceived"/>, <see cref="ProgressHub.SummaryChanged"/>), not the method names.
/// </summary>
public interface IProgressClient
{
    /// <summary>A report was committed: to every connection, as soon as it is stored.</summary>
    [HubMethodName(ProgressHub.ReportReceived)]
    Task ReportReceivedAsync(ReportReceivedMessage message);

    /// <summary>A region's figures changed: the province's and the reporting locality's to every connection, a county's to its subscribers.</summary>
    [HubMethodName(ProgressHub.SummaryChanged)]
    Task SummaryChangedAsync(RegionSummary summary);
}
