using System.IO.Compression;
using System.Text;

namespace GreenCommunity.LoadTests;

/// <summary>
/// The workbooks the workbooks scenario uploads, written part by part as a hostile client would: the sheet's XML as a
/// stream, so that 8 million rows or a cell of 512 million characters cost a fraction of a second and well under 5 MB.
/// </summary>
internal static class WorkbookFiles
{
    private const string Header = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>社区代码</t></is></c>"
        + "<c r=\"B1\" t=\"inlineStr\"><is><t>阶段</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>生效日期</t></is></c></row>";

    /// <summary>8,000,000 rows of one cell each (about 200 MB of XML).</summary>
    public static void EightMillionRows(string path) => Write(path, sheet => Repeat(sheet, "<row><c t=\"inlineStr\"><is><t>420102002003</t></is></c></row>", 8_000_000));

    /// <summary>8,000,000 empty rows (48 MB of XML: within the unpacked budget, so only the row count stops it).</summary>
    public static void EightMillionEmptyRows(string path) => Write(path, sheet => Repeat(sheet, "<row/>", 8_000_000));

    /// <summary>Row 2 holds a cell of 512 × 2^20 characters.</summary>
    public static void HalfABillionCharacterCell(string path) => Write(path, sheet =>
    {
        Text(sheet, "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>420102002003</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>");
        Repeat(sheet, "A", 512L * 1024 * 1024);
        Text(sheet, "</t></is></c></row>");
    });

    /// <summary>
    /// The template's 20 columns filled: code, a name, no stage change, today, criteria 1–16 all met (12 as 45%). Valid for
    /// any community of the locality; <paramref name="communities"/> from elsewhere make one problem per row.
    /// </summary>
    public static void Filled(string path, IReadOnlyList<string> communities, DateOnly today) => Write(path, sheet =>
    {
        using var writer = new StreamWriter(sheet, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write($"<row r=\"1\">{Cell("A", 1, "社区代码")}{Cell("B", 1, "社区名称")}{Cell("C", 1, "阶段")}{Cell("D", 1, "生效日期")}"
            + string.Concat(Enumerable.Range(1, 16).Select(n => Cell(Column(n + 4), 1, $"标准{n}"))) + "</row>");
        for (var i = 0; i < communities.Count; i++)
        {
            var row = i + 2;
            writer.Write($"<row r=\"{row}\">{Cell("A", row, communities[i])}{Cell("B", row, "绿色社区创建示范点第" + row + "号社区居民委员会")}{Cell("D", row, $"{today:yyyy-MM-dd}")}");
            for (var n = 1; n <= 16; n++)
            {
                writer.Write(Cell(Column(n + 4), row, n == 12 ? "45%" : "是"));
            }
            writer.Write("</row>");
        }
    }, header: "");

    private static string Column(int number) => number <= 26 ? ((char)('A' + number - 1)).ToString() : "A" + (char)('A' + number - 27);

    private static string Cell(string column, int row, string text) => $"<c r=\"{column}{row}\" t=\"inlineStr\"><is><t>{text}</t></is></c>";

    private static void Write(string path, Action<Stream> rows, string header = Header)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        Part(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
        Part(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Part(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="填报" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        Part(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
        using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open();
        Text(sheet, """<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""" + header);
        rows(sheet);
        Text(sheet, "</sheetData></worksheet>");
    }

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var part = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        Text(part, xml);
    }

    /// <summary><paramref name="text"/> <paramref name="count"/> times, written 4,096 at a time.</summary>
    private static void Repeat(Stream stream, string text, long count)
    {
        const int Batch = 4096;
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(text, Batch)));
        var each = bytes.Length / Batch;
        for (var written = 0L; written < count; written += Batch)
        {
            stream.Write(bytes, 0, (int)Math.Min(Batch, count - written) * each);
        }
    }

    private static void Text(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));
}
