namespace GreenCommunity.Dashboard.Maps;

/// <summary>What the choropleth colours by.</summary>
public enum MapMetric
{
    /// <summary>The default: percentage points behind or ahead of the target that matters on the day shown, on a diverging scale.</summary>
    TargetDistance,
    StartedRate,
    AcceptedRate,
    Pilots,
    OnTime,

    /// <summary>Communities short of the target that matters on the day shown.</summary>
    Gap,

    /// <summary>
    /// A locality's page only: the rate the target of the day measures (the districts' comparison's), in bands by the
    /// districts' order within the locality, so that districts at different rates read apart.
    /// </summary>
    DistrictSpread,
}

/// <summary>Where a locality stands with this month's report on a given day.</summary>
public enum ReportingStatus
{
    OnTime,
    Late,
    NotYetDue,
    Missing,
}
