using GreenCommunity.Dashboard.ScaleOut;

namespace GreenCommunity.Dashboard.Inspections;

/// <summary>
/// Says that inspections changed (one recorded or answered), after the write is committed, on this server and, through
/// <see cref="ServerChanges"/>, on the others on the same store. Inspections are rare, so a listener (the overview's
/// discrepancy card) simply reads its figure again; a listener must not throw.
/// </summary>
public sealed class InspectionNotifier
{
    private const string Kind = "inspections";

    private readonly ServerChanges _servers;

    public InspectionNotifier(ServerChanges servers)
    {
        _servers = servers;
        servers.OnHeard(Kind, _ => Changed?.Invoke());
    }

    public event Action? Changed;

    /// <summary>A change made here.</summary>
    public void Publish()
    {
        Changed?.Invoke();
        _servers.Tell(Kind);
    }
}
