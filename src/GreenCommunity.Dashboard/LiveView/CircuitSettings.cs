using Microsoft.AspNetCore.Components.Server;

namespace GreenCommunity.Dashboard.LiveView;

/// <summary>Circuit options chosen for many long-lived live pages; the reasons are in docs/PERFORMANCE.md ("Circuit options").</summary>
public static class CircuitSettings
{
    /// <summary>A page whose connection dropped keeps its circuit this long (the default is 3 minutes).</summary>
    public static readonly TimeSpan DisconnectedRetention = TimeSpan.FromSeconds(90);

    /// <summary>At most this many disconnected circuits are kept (the default is 100).</summary>
    public const int DisconnectedMaxRetained = 50;

    /// <summary>Render batches a slow client may leave unacknowledged before the server stops producing more (the default is 10).</summary>
    public const int UnacknowledgedRenderBatches = 4;

    public static void Apply(CircuitOptions options)
    {
        options.DisconnectedCircuitRetentionPeriod = DisconnectedRetention;
        options.DisconnectedCircuitMaxRetained = DisconnectedMaxRetained;
        options.MaxBufferedUnacknowledgedRenderBatches = UnacknowledgedRenderBatches;
    }
}
