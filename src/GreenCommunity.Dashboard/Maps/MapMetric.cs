namespace GreenCommunity.Dashboard.Maps;

/// <summary>What the choropleth colours by.</summary>
public enum MapMetric
{
    StartedRate,
    AcceptedRate,
    Pilots,
    OnTime,
    Gap,
}

/// <summary>Where a locality stands with this month's report on a given day.</summary>
public enum ReportingStatus
{
    OnTime,
    Late,
    NotYetDue,
    Missing,
}
