namespace GreenCommunity.Domain.Inspections;

/// <summary>How long the texts of an inspection may be.</summary>
public static class InspectionLimits
{
    public const int InspectorsLength = 200;
    public const int NoteLength = 1000;
}
