namespace GreenCommunity.Dashboard.Inspections;

/// <summary>
/// Says that inspections changed (one recorded or answered), after the write is committed. Inspections are rare, so
/// a listener (the overview's discrepancy card) simply reads its figure again; a listener must not throw.
/// </summary>
public sealed class InspectionNotifier
{
    public event Action? Changed;

    public void Publish() => Changed?.Invoke();
}
