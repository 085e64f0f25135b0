using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Intake.Xlsx;

/// <summary>
/// Reads one sheet of an .xlsx workbook row by row, within <see cref="WorkbookLimits"/>: the sheet's XML is read as
/// a stream (never a row more than asked for), the shared strings table is bounded, every part counts against the
/// unpacked budget while it inflates, and anything beyond a limit is a <see cref="WorkbookLimitException"/>.
/// Anything else wrong with the file (not a zip, bad XML) is an exception of its own: the file is unreadable.
/// </summary>
public sealed class XlsxSheetReader : IDisposable
{
    private const string RelationshipsType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private readonly XmlReaderSettings _settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <summary>A shared string longer than a cell may be: kept as this marker, refused only if the sheet uses it.</summary>
    private static readonly string s_tooLong = new('\uFFFF', 1);

    private readonly ZipArchive _archive;
    private readonly WorkbookLimits _limits;
    private readonly UnpackedBudget _budget;
    private readonly StringBuilder _text = new();
    private List<string> _sharedStrings = [];
    private XmlReader? _sheet;
    private bool _inSheetData;
    private int _rowsRead;
    private int _lastRow;

    private XlsxSheetReader(ZipArchive archive, WorkbookLimits limits)
    {
        _archive = archive;
        _limits = limits;
        _budget = new UnpackedBudget(limits);
        _settings.NameTable = new BoundedNameTable(limits.MaxXmlNames, limits.MaxXmlNameLength);   // one for all parts of this upload
    }

    /// <summary>The row being read (for a problem found inside it), or null between rows.</summary>
    public int? CurrentRow { get; private set; }

    /// <summary>Opens the sheet named <paramref name="sheetName"/>, or the first sheet if there is none by that name.</summary>
    /// <param name="stream">The workbook; a zip is read from its end, so the stream must seek.</param>
    public static XlsxSheetReader Open(Stream stream, string sheetName, WorkbookLimits limits)
    {
        var reader = new XlsxSheetReader(new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true), limits);
        try
        {
            reader.OpenSheet(sheetName);
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private void OpenSheet(string sheetName)
    {
        if (_archive.Entries.Count > _limits.MaxParts)
        {
            throw new WorkbookLimitException(ReportProblemCodes.TooManyParts, _limits.MaxParts);
        }
        var workbookPath = Relationships("").FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal))?.Target ?? "xl/workbook.xml";
        var parts = Relationships(workbookPath);
        var sheets = Sheets(workbookPath);
        var sheet = sheets.FirstOrDefault(s => s.Name == sheetName) ?? sheets.FirstOrDefault()
            ?? throw new InvalidDataException("The workbook lists no sheet.");
        var sheetPath = parts.FirstOrDefault(p => p.Id == sheet.RelationshipId)?.Target
            ?? throw new InvalidDataException($"The workbook does not say where sheet \"{sheet.Name}\" is.");
        if (parts.FirstOrDefault(p => p.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)) is { } strings && Entry(strings.Target) is { } entry)
        {
            _sharedStrings = ReadSharedStrings(entry);
        }
        _sheet = OpenXml(Entry(sheetPath) ?? throw new InvalidDataException($"The workbook has no part {sheetPath}."));
    }

    /// <summary>The next row with its cells, or null after the last.</summary>
    public SheetRow? ReadRow()
    {
        CurrentRow = null;
        var sheet = _sheet!;
        while (Next(sheet))
        {
            if (sheet.NodeType == XmlNodeType.Element && sheet.LocalName == "sheetData")
            {
                _inSheetData = !sheet.IsEmptyElement;
            }
            else if (sheet.NodeType == XmlNodeType.EndElement && sheet.LocalName == "sheetData")
            {
                _inSheetData = false;
            }
            else if (_inSheetData && sheet.NodeType == XmlNodeType.Element && sheet.LocalName == "row")
            {
                return ReadRowCells(sheet);
            }
        }
        return null;
    }

    /// <summary>From a &lt;row&gt; to its end: each &lt;c&gt;'s value from its &lt;v&gt; or its inline &lt;is&gt;&lt;t&gt;.</summary>
    private SheetRow ReadRowCells(XmlReader sheet)
    {
        var number = int.TryParse(sheet.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : _lastRow + 1;
        // Row 1 is the header: beyond MaxRows below it, by count or by number, the sheet is refused before reading on.
        if (++_rowsRead > _limits.MaxRows + 1 || number > _limits.MaxRows + 1)
        {
            throw new WorkbookLimitException(ReportProblemCodes.TooManyRows, _limits.MaxRows);
        }
        _lastRow = number;
        CurrentRow = number;
        var cells = new Dictionary<int, object?>();
        if (sheet.IsEmptyElement)
        {
            return new SheetRow(number, cells);
        }
        var (column, cellCount, type, hasValue, inText, inPhonetic) = (0, 0, (string?)null, false, false, false);
        while (Next(sheet))
        {
            switch (sheet.NodeType)
            {
                case XmlNodeType.Element:
                    switch (sheet.LocalName)
                    {
                        case "c":
                            column = ColumnOf(sheet.GetAttribute("r")) ?? column + 1;
                            if (column > _limits.MaxColumns || ++cellCount > _limits.MaxColumns)
                            {
                                throw new WorkbookLimitException(ReportProblemCodes.TooManyColumns, _limits.MaxColumns);
                            }
                            type = sheet.GetAttribute("t");
                            hasValue = false;
                            _text.Clear();
                            break;
                        case "v":
                        case "t":
                            hasValue = true;
                            inText = !sheet.IsEmptyElement && !inPhonetic;
                            break;
                        case "rPh":
                            inPhonetic = !sheet.IsEmptyElement;   // a reading aid (furigana), not the cell's text
                            break;
                    }
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace when inText:
                    if (_text.Length + sheet.Value.Length > _limits.MaxCellCharacters)
                    {
                        throw new WorkbookLimitException(ReportProblemCodes.CellTooLong, _limits.MaxCellCharacters);
                    }
                    _text.Append(sheet.Value);
                    break;
                case XmlNodeType.EndElement:
                    switch (sheet.LocalName)
                    {
                        case "v" or "t":
                            inText = false;
                            break;
                        case "rPh":
                            inPhonetic = false;
                            break;
                        case "c" when hasValue:
                            cells[column] = Value(type, _text.ToString());
                            break;
                        case "row":
                            return new SheetRow(number, cells);
                    }
                    break;
            }
        }
        throw new InvalidDataException("The sheet ends inside a row.");
    }

    private object? Value(string? type, string text)
    {
        switch (type)
        {
            case "s":
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _sharedStrings.Count)
                {
                    throw new InvalidDataException($"A cell names shared string {text}, which the workbook does not have.");
                }
                var shared = _sharedStrings[index];
                return ReferenceEquals(shared, s_tooLong) ? throw new WorkbookLimitException(ReportProblemCodes.CellTooLong, _limits.MaxCellCharacters) : shared;
            case "b":
                return text.Trim() switch { "1" => true, "0" => false, _ => text };
            case "d":
                return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var day) ? day : text;
            case "str" or "inlineStr" or "e":
                return text;
            default:
                return text.Length == 0 ? null : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : text;
        }
    }

    /// <summary>"AB12" → 28; null without a reference. Letters beyond three are no column Excel has.</summary>
    private static int? ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }
        var column = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }
            column = Math.Min(column * 26 + (c - 'A' + 1), int.MaxValue / 32);
        }
        return column == 0 ? null : column;
    }

    /// <summary>The shared strings table, bounded in count and characters; a text longer than a cell may be is kept as a marker.</summary>
    private List<string> ReadSharedStrings(ZipArchiveEntry entry)
    {
        var strings = new List<string>();
        long characters = 0;
        using var xml = OpenXml(entry);
        var (inItem, inText, inPhonetic, tooLong) = (false, false, false, false);
        void Add(string text)
        {
            characters += text.Length;
            if (strings.Count >= _limits.MaxSharedStrings || characters > _limits.MaxSharedStringCharacters)
            {
                throw new WorkbookLimitException(ReportProblemCodes.SharedStringsTooLarge, _limits.MaxSharedStrings, _limits.MaxSharedStringCharacters);
            }
            strings.Add(text);
        }
        while (Next(xml))
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.LocalName == "si":
                    if (xml.IsEmptyElement)
                    {
                        Add("");
                    }
                    else
                    {
                        (inItem, tooLong) = (true, false);
                        _text.Clear();
                    }
                    break;
                case XmlNodeType.Element when xml.LocalName == "rPh":
                    inPhonetic = !xml.IsEmptyElement;
                    break;
                case XmlNodeType.Element when xml.LocalName == "t":
                    inText = inItem && !inPhonetic && !xml.IsEmptyElement;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace when inText && !tooLong:
                    tooLong = _text.Length + xml.Value.Length > _limits.MaxCellCharacters;
                    if (!tooLong)
                    {
                        _text.Append(xml.Value);
                    }
                    break;
                case XmlNodeType.EndElement when xml.LocalName == "t":
                    inText = false;
                    break;
                case XmlNodeType.EndElement when xml.LocalName == "rPh":
                    inPhonetic = false;
                    break;
                case XmlNodeType.EndElement when xml.LocalName == "si":
                    Add(tooLong ? s_tooLong : _text.ToString());
                    inItem = false;
                    break;
            }
        }
        return strings;
    }

    private sealed record Sheet(string Name, string RelationshipId);

    private List<Sheet> Sheets(string workbookPath)
    {
        var sheets = new List<Sheet>();
        using var xml = OpenXml(Entry(workbookPath) ?? throw new InvalidDataException($"The workbook has no part {workbookPath}."));
        while (Next(xml))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "sheet" && xml.GetAttribute("name") is { } name && RelationshipId(xml) is { } id)
            {
                sheets.Add(new Sheet(name, id));
                Bound(sheets);
            }
        }
        return sheets;
    }

    /// <summary>The sheet's r:id, whichever of the two OOXML namespaces (transitional, strict) it is in.</summary>
    private static string? RelationshipId(XmlReader xml)
    {
        if (xml.GetAttribute("id", RelationshipsType) is { } id)
        {
            return id;
        }
        for (var more = xml.MoveToFirstAttribute(); more; more = xml.MoveToNextAttribute())
        {
            if (xml.LocalName == "id" && xml.NamespaceURI.Length > 0)
            {
                var value = xml.Value;
                xml.MoveToElement();
                return value;
            }
        }
        xml.MoveToElement();
        return null;
    }

    private sealed record Relationship(string Id, string Type, string Target);

    /// <summary>The relationships of a part ("" for the package), their targets as paths in the zip.</summary>
    private List<Relationship> Relationships(string partPath)
    {
        var folder = partPath.Contains('/', StringComparison.Ordinal) ? partPath[..partPath.LastIndexOf('/')] : "";
        var name = partPath[(partPath.LastIndexOf('/') + 1)..];
        var relationships = new List<Relationship>();
        if (Entry(folder.Length == 0 ? $"_rels/{name}.rels" : $"{folder}/_rels/{name}.rels") is not { } entry)
        {
            return relationships;
        }
        using var xml = OpenXml(entry);
        while (Next(xml))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship"
                && xml.GetAttribute("Id") is { } id && xml.GetAttribute("Type") is { } type && xml.GetAttribute("Target") is { } target)
            {
                relationships.Add(new Relationship(id, type, Resolve(folder, target)));
                Bound(relationships);
            }
        }
        return relationships;
    }

    /// <summary>A target relative to the part's folder ("worksheets/sheet1.xml", "../x.xml") or to the package ("/xl/...").</summary>
    private static string Resolve(string folder, string target)
    {
        var segments = new List<string>(target.StartsWith('/') ? [] : folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var segment in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }
        return string.Join('/', segments);
    }

    /// <summary>Sheets and relationships are kept while the sheet is read: a list of thousands is refused, not held.</summary>
    private void Bound<T>(List<T> listed)
    {
        if (listed.Count > _limits.MaxParts)
        {
            throw new WorkbookLimitException(ReportProblemCodes.TooManyParts, _limits.MaxParts);
        }
    }

    private ZipArchiveEntry? Entry(string path) =>
        _archive.GetEntry(path) ?? _archive.Entries.FirstOrDefault(e => string.Equals(e.FullName, path, StringComparison.OrdinalIgnoreCase));

    private XmlReader OpenXml(ZipArchiveEntry entry) =>
        XmlReader.Create(new XmlTokenGuardStream(_budget.Open(entry), _limits.MaxXmlTokenBytes, _limits.MaxCellCharacters), _settings);

    /// <summary>The next node; refused deeper than the limit (XmlReader keeps a frame per level).</summary>
    private bool Next(XmlReader xml)
    {
        if (!xml.Read())
        {
            return false;
        }
        return xml.Depth <= _limits.MaxXmlDepth
            ? true
            : throw new WorkbookLimitException(ReportProblemCodes.UnreadableWorkbook, $"XML nested deeper than {_limits.MaxXmlDepth} levels");
    }

    public void Dispose()
    {
        _sheet?.Dispose();
        _archive.Dispose();
    }
}
