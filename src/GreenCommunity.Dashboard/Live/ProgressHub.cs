using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Regions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace GreenCommunity.Dashboard.Live;

/// <summary>
/// /hubs/progress: every connection hears "reportReceived" and the province's and reporting locality's
/// "summaryChanged"; Subscribe(scope) adds "summaryChanged" for another region (e.g. a county). A connection lasts
/// only as long as its token: the sweeper aborts it once the token is revoked, and Subscribe checks the token again.
/// </summary>
[Authorize(Policy = ApiAuthentication.Policy)]
public sealed class ProgressHub(HubSubscriptions subscriptions, ProgressReader progress, Campaign campaign, OpenSessions sessions, SessionValidation validation)
    : Hub<IProgressClient>
{
    public const string Path = "/hubs/progress";
    public const string ReportReceived = "reportReceived";
    public const string SummaryChanged = "summaryChanged";

    /// <summary>The connection's handle in <see cref="OpenSessions"/>, kept with the connection (a hub instance lives for one call).</summary>
    private static readonly object s_tracked = new();

    public override Task OnConnectedAsync()
    {
        if (SessionCredential.From(Context.User) is { } credential)
        {
            Context.Items[s_tracked] = sessions.Track(credential, Context.Abort);
        }
        return base.OnConnectedAsync();
    }

    public async Task Subscribe(string scope)
    {
        if (Context.User is not { } user || !await validation.IsValidAsync(user, Context.ConnectionAborted))
        {
            Context.Abort();
            throw new HubException("The token was revoked.");
        }
        var code = RegionCodes.Scope(scope, campaign.ProvinceCode);
        var regions = await progress.GetRegionsAsync(Context.ConnectionAborted);
        if (!regions.Any(r => r.Code == code))
        {
            throw new HubException($"No region {scope}: use 42, a prefecture-level or a county-level code.");
        }
        subscriptions.Add(Context.ConnectionId, code);
        await Groups.AddToGroupAsync(Context.ConnectionId, HubSubscriptions.Group(code), Context.ConnectionAborted);
    }

    public async Task Unsubscribe(string scope)
    {
        var code = RegionCodes.Scope(scope, campaign.ProvinceCode);
        subscriptions.Remove(Context.ConnectionId, code);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, HubSubscriptions.Group(code), Context.ConnectionAborted);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.RemoveConnection(Context.ConnectionId);
        if (Context.Items.TryGetValue(s_tracked, out var tracked))
        {
            (tracked as IDisposable)?.Dispose();
        }
        return base.OnDisconnectedAsync(exception);
    }
}
