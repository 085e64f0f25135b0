using GreenCommunity.Dashboard.ScaleOut;

namespace GreenCommunity.Dashboard.Acceptance;

/// <summary>
/// Tells the open queue pages and overview cards that a locality's acceptance requests changed (applied or decided),
/// on this server and, through <see cref="ServerChanges"/>, on the others on the same store.
/// </summary>
public sealed class AcceptanceNotifier
{
    private const string Kind = "acceptance";

    private readonly ServerChanges _servers;

    public AcceptanceNotifier(ServerChanges servers)
    {
        _servers = servers;
        servers.OnHeard(Kind, locality => Changed?.Invoke(locality));
    }

    public event Action<string>? Changed;

    /// <summary>A change made here.</summary>
    public void Publish(string locality)
    {
        Changed?.Invoke(locality);
        _servers.Tell(Kind, locality);
    }
}
