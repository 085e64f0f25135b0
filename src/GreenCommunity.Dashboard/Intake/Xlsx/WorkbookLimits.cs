using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Intake.Xlsx;

/// <summary>
/// How much of an uploaded workbook is read before it is refused. Every limit is checked while reading, so that
/// what a file holds (not what it says it holds) decides, and the memory an upload takes stays bounded whatever it is.
/// </summary>
public sealed record WorkbookLimits
{
    public static WorkbookLimits Default { get; } = new();

    /// <summary>Rows below the header: as many as a report's updates (a sheet has one row per community of a locality).</summary>
    public int MaxRows { get; init; } = ReportRules.MaxUpdates;

    /// <summary>The template has 20 columns; a few more for the user's own notes.</summary>
    public int MaxColumns { get; init; } = 32;

    /// <summary>A cell holds a code, a name, a stage, a date or a yes/no: a few hundred characters is far more than any needs.</summary>
    public int MaxCellCharacters { get; init; } = 500;

    /// <summary>The parts read (workbook, relationships, shared strings, the sheet) once inflated; a full sheet of 10,000 rows is about 25 MB.</summary>
    public long MaxUnpackedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Texts kept from the shared strings table: at most one per cell of a full sheet.</summary>
    public int MaxSharedStrings { get; init; } = (ReportRules.MaxUpdates + 1) * 32;

    /// <summary>Characters kept from the shared strings table (about 8 MB as .NET strings).</summary>
    public long MaxSharedStringCharacters { get; init; } = 4_000_000;

    /// <summary>
    /// The longest tag or run of text an XML part may hold, in bytes: XmlReader keeps a whole tag (and each attribute's
    /// value) in memory, so a tag is refused before it is buffered. Far above any cell's text.
    /// </summary>
    public int MaxXmlTokenBytes { get; init; } = 64 * 1024;

    /// <summary>Elements nested deeper than this are refused (a sheet needs 5: worksheet, sheetData, row, c, is/t).</summary>
    public int MaxXmlDepth { get; init; } = 32;

    /// <summary>
    /// Zip entries, sheets and relationships a workbook may list, and distinct XML names its parts may use: a filled
    /// template has a dozen parts and a few hundred names; every one listed is kept while the sheet is read.
    /// </summary>
    public int MaxParts { get; init; } = 256;

    /// <summary>Distinct element and attribute names across the parts read (see <see cref="BoundedNameTable"/>).</summary>
    public int MaxXmlNames { get; init; } = 2_000;

    /// <summary>The longest element or attribute name (the longest in SpreadsheetML is a few dozen characters).</summary>
    public int MaxXmlNameLength { get; init; } = 256;

    /// <summary>Problems listed before reading stops: a sheet of 10,000 bad rows is not answered with 190,000 lines.</summary>
    public int MaxProblems { get; init; } = 100;

    /// <summary>Whole megabytes of <see cref="MaxUnpackedBytes"/>, as the message says it.</summary>
    public long MaxUnpackedMegabytes => MaxUnpackedBytes / (1024 * 1024);
}
