using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Domain.Reporting;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;

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

    /// <summary>
    /// The largest message a page may send (the default, 32 KB, is less than a narrative the API takes: 20,000 Chinese
    /// characters are 60,000 bytes of UTF-8, and the circuit closed without a word to the user). Enough for the longest
    /// narrative at three bytes a character, sent once as the event's value and once as the bound field's, plus the
    /// default for everything else in the message. A department's annual report (100,000 characters) is the longest text.
    /// </summary>
    public const int MaxReceiveMessageBytes = (2 * 3 * LongestText) + (32 * 1024);

    private const int LongestText = DepartmentSubmissionRules.MaxTextLength > ReportRequestParser.MaxNarrativeLength
        ? DepartmentSubmissionRules.MaxTextLength
        : ReportRequestParser.MaxNarrativeLength;

    public static void ApplyHub(HubOptions options) => options.MaximumReceiveMessageSize = MaxReceiveMessageBytes;

    public static void Apply(CircuitOptions options)
    {
        options.DisconnectedCircuitRetentionPeriod = DisconnectedRetention;
        options.DisconnectedCircuitMaxRetained = DisconnectedMaxRetained;
        options.MaxBufferedUnacknowledgedRenderBatches = UnacknowledgedRenderBatches;
    }
}
