using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using GreenCommunity.Dashboard.Intake;

namespace GreenCommunity.Dashboard.Tests.Intake;

/// <summary>
/// Workbooks built part by part, as a hostile client could: the sheet's XML is written as a stream (8 million rows or a
/// cell of 512 million characters deflate to well under a megabyte and take a fraction of a second to write).
/// </summary>
internal static class HostileWorkbooks
{
    private const string Header = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + ReportWorkbook.CodeColumn + "</t></is></c>"
        + "<c r=\"B1\" t=\"inlineStr\"><is><t>" + ReportWorkbook.StageColumn + "</t></is></c>"
        + "<c r=\"C1\" t=\"inlineStr\"><is><t>" + ReportWorkbook.EffectiveColumn + "</t></is></c></row>";

    /// <summary>A workbook whose sheet is the header row, then whatever <paramref name="rows"/> writes inside &lt;sheetData&gt;.</summary>
    /// <param name="packageRelationships">More &lt;Relationship&gt; elements for the package's part list.</param>
    /// <param name="moreSheets">More &lt;sheet&gt; elements for the workbook's list of sheets.</param>
    public static MemoryStream Workbook(Action<Stream> rows, string? sharedStrings = null, string packageRelationships = "", string moreSheets = "") => Zip(zip =>
    {
        Part(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>""");
        Part(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>""" + packageRelationships + "</Relationships>");
        Part(zip, "xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{ReportWorkbook.UpdatesSheet}" sheetId="1" r:id="rId1"/>{moreSheets}</sheets></workbook>""");
        Part(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
        if (sharedStrings is not null)
        {
            Part(zip, "xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sharedStrings}</sst>""");
        }
        using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open();
        Write(sheet, """<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""" + Header);
        rows(sheet);
        Write(sheet, "</sheetData></worksheet>");
    });

    /// <summary>The same rows <paramref name="count"/> times, written a thousand at a time.</summary>
    public static Action<Stream> Repeated(string row, long count) => sheet =>
    {
        var thousand = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(row, 1000)));
        for (var written = 0L; written < count; written += 1000)
        {
            sheet.Write(thousand, 0, (int)Math.Min(1000, count - written) * (thousand.Length / 1000));
        }
    };

    /// <summary>Rows numbered 2, 3, ...: a community each, at <paramref name="stage"/> since 2022-05-20.</summary>
    public static Action<Stream> NumberedRows(int count, string stage = "创建中") => sheet =>
    {
        using var writer = new StreamWriter(sheet, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        for (var i = 0; i < count; i++)
        {
            var row = i + 2;
            writer.Write($"<row r=\"{row}\"><c r=\"A{row}\" t=\"inlineStr\"><is><t>4201020{i:D5}</t></is></c>"
                + $"<c r=\"B{row}\" t=\"inlineStr\"><is><t>{stage}</t></is></c><c r=\"C{row}\" t=\"inlineStr\"><is><t>2022-05-20</t></is></c></row>");
        }
    };

    /// <summary>Row 2: a code, then <paramref name="before"/>, <paramref name="repeated"/> <paramref name="repeat"/> times (streamed) and <paramref name="after"/>.</summary>
    public static Action<Stream> RowWithCell(string before, long repeat, string repeated, string after) => sheet =>
    {
        Write(sheet, "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>420102002003</t></is></c>" + before);
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(repeated, 1 << 16)));
        for (var written = 0L; written < repeat; written += 1 << 16)
        {
            sheet.Write(chunk, 0, (int)Math.Min(1 << 16, repeat - written) * (chunk.Length >> 16));
        }
        Write(sheet, after + "</row>");
    };

    /// <summary>
    /// The workbook with every zip header of the sheet claiming <paramref name="statedBytes"/> once inflated: the
    /// directory lies, only inflating tells.
    /// </summary>
    public static MemoryStream WithStatedSheetSize(MemoryStream workbook, uint statedBytes)
    {
        var bytes = workbook.ToArray();
        var name = Encoding.ASCII.GetBytes("xl/worksheets/sheet1.xml");
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            var (nameAt, sizeAt) = signature switch
            {
                0x04034b50 => (30, 22),   // local file header
                0x02014b50 => (46, 24),   // central directory header
                _ => (0, 0),
            };
            if (nameAt > 0 && i + nameAt + name.Length <= bytes.Length && bytes.AsSpan(i + nameAt, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + sizeAt), statedBytes);
            }
        }
        return new MemoryStream(bytes);
    }

    private static MemoryStream Zip(Action<ZipArchive> write)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            write(zip);
        }
        stream.Position = 0;
        return stream;
    }

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var part = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        Write(part, xml);
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));
}
