namespace GreenCommunity.Dashboard.Components.Controls.Inspections;

/// <summary>What the form says of one criterion: not looked at on this visit, met, or not met.</summary>
public enum FindingChoice
{
    NotChecked,
    Met,
    NotMet,
}

/// <summary>One criterion's row of the record form.</summary>
public sealed class FindingRow(int criterion)
{
    public int Criterion { get; } = criterion;

    public FindingChoice Choice { get; set; }

    public string? Note { get; set; }
}
