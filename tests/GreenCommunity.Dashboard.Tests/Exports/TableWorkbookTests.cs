using System.IO.Compression;
using GreenCommunity.Dashboard.Exports;
using MiniExcelLibs;

namespace GreenCommunity.Dashboard.Tests.Exports;

public sealed class TableWorkbookTests
{
    [Fact]
    public void Create_WritesTitleHeadersAndRowsReadBackCellByCell()
    {
        // Act
        var bytes = TableWorkbook.Create("社区", "武汉市 · 2026-11-30 · 阶段：试点", ["社区代码", "社区名称", "达标数"],
            [["420102002003", "保成社区", 12], ["420102002004", "泰宁社区", 16L]]);

        // Assert
        var rows = Read(bytes);
        Assert.Equal("武汉市 · 2026-11-30 · 阶段：试点", rows[0]["A"]);
        Assert.Equal(["社区代码", "社区名称", "达标数"], [rows[1]["A"], rows[1]["B"], rows[1]["C"]]);
        Assert.Equal("保成社区", rows[2]["B"]);
        Assert.Equal(12.0, Convert.ToDouble(rows[2]["C"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4, rows.Count);
        Assert.Equal(["社区"], new MemoryStream(bytes).GetSheetNames());
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+SUM(A1:A9)")]
    [InlineData("-2+3")]
    [InlineData("@cmd")]
    [InlineData("=HYPERLINK(\"http://x\",\"点击\")")]
    public void Create_FormulaLookingText_StaysTextAndNoCellIsAFormula(string name)
    {
        // Act
        var bytes = TableWorkbook.Create("社区", name, ["社区名称"], [[name]]);

        // Assert: read back as the same text, and the sheet's XML holds no formula element at all.
        var rows = Read(bytes);
        Assert.Equal(name, rows[0]["A"]);
        Assert.Equal(name, rows[2]["A"]);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var sheet = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal));
        using var reader = new StreamReader(sheet.Open());
        var xml = reader.ReadToEnd();
        Assert.DoesNotContain("<x:f", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<f ", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FreezesTheTitleAndHeaderRows_SoTheHeadersStayInViewWhileScrolling()
    {
        // Act
        var bytes = TableWorkbook.Create("社区", "标题", ["社区代码", "社区名称"], [["420102002003", "保成社区"]]);

        // Assert: the pane splits below row 2 and the scrolling part starts at A3.
        var xml = SheetXml(bytes);
        Assert.Contains("ySplit=\"2\"", xml, StringComparison.Ordinal);
        Assert.Contains("topLeftCell=\"A3\"", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("ySplit=\"1\"", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_LongOrForbiddenSheetName_IsMadeAcceptableToExcel()
    {
        // Act
        var bytes = TableWorkbook.Create("a/b:c*d?e[f]g\\h" + new string('x', 40), "t", ["h"], []);

        // Assert
        var name = Assert.Single(new MemoryStream(bytes).GetSheetNames());
        Assert.Equal(31, name.Length);
        Assert.DoesNotContain(name, c => "[]:*?/\\".Contains(c, StringComparison.Ordinal));
    }

    private static string SheetXml(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var sheet = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal));
        using var reader = new StreamReader(sheet.Open());
        return reader.ReadToEnd();
    }

    private static List<IDictionary<string, object?>> Read(byte[] bytes) =>
        new MemoryStream(bytes).Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
}
