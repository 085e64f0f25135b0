namespace GreenCommunity.Domain.Communities;

/// <summary>
/// Which stage changes a report may make. Once started, a community never goes back to "not started";
/// a community that fails acceptance goes back to in progress (a former pilot may go back to pilot).
/// </summary>
public static class StageTransitions
{
    public static bool IsAllowed(Stage from, Stage to, bool wasPilot)
    {
        if (from == to)
        {
            return true;
        }
        return (from, to) switch
        {
            (Stage.NotStarted, Stage.Pilot or Stage.InProgress) => true,
            (Stage.Pilot, Stage.InProgress or Stage.Accepted) => true,
            (Stage.InProgress, Stage.Pilot or Stage.Accepted) => true,
            (Stage.Accepted, Stage.InProgress) => true,
            (Stage.Accepted, Stage.Pilot) => wasPilot,
            _ => false,
        };
    }
}
