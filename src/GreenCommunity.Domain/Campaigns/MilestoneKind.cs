namespace GreenCommunity.Domain.Campaigns;

public enum MilestoneKind
{
    /// <summary>Each locality has a number of pilot communities within [minimum, maximum].</summary>
    PilotsPerLocality,

    /// <summary>A share of urban communities has started (pilot, in progress or accepted).</summary>
    StartedShare,

    /// <summary>A share of urban communities has started and been accepted against the standard.</summary>
    AcceptedShare,
}
