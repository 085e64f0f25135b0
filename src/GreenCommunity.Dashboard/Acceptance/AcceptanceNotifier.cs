namespace GreenCommunity.Dashboard.Acceptance;

/// <summary>Tells the open queue pages and overview cards that a locality's acceptance requests changed (applied or decided).</summary>
public sealed class AcceptanceNotifier
{
    public event Action<string>? Changed;

    public void Publish(string locality) => Changed?.Invoke(locality);
}
