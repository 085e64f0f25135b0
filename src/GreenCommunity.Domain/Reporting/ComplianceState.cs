namespace GreenCommunity.Domain.Reporting;

/// <summary>Where a report duty stands on a day.</summary>
public enum ComplianceState
{
    /// <summary>Received by its deadline.</summary>
    OnTime,

    /// <summary>Received after its deadline.</summary>
    Late,

    /// <summary>The deadline has passed and nothing was received.</summary>
    Missing,

    /// <summary>Not received, and the deadline has not passed yet (it may be today).</summary>
    Due,
}
