using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Intake.Xlsx;
using GreenCommunity.Domain.Reports;
using static GreenCommunity.Dashboard.Tests.Intake.HostileWorkbooks;

namespace GreenCommunity.Dashboard.Tests.Intake;

/// <summary>
/// Hostile workbooks (issue 10, item 2): each is refused with its own code at "file" or at its row, under the
/// production limits, and nothing is taken from it. How much memory reading them takes is measured by the load tool
/// (docs/hardening-workbooks.md), not here.
/// </summary>
public sealed class ReportWorkbookLimitsTests
{
    private static readonly WorkbookLimits s_limits = WorkbookLimits.Default;

    [Fact]
    public void Read_EightMillionRows_IsRefusedAsTooManyRows()
    {
        // Arrange: 8,000,000 empty rows, 48 MB of XML (within the unpacked budget, so only counting rows stops it).
        using var workbook = Workbook(Repeated("<row/>", 8_000_000));

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        AssertRefused(content, "file", ReportProblemCodes.TooManyRows, s_limits.MaxRows);
    }

    [Fact]
    public void Read_EightMillionRowsOfCells_IsRefusedByItsUnpackedSize()
    {
        // Arrange: 8,000,000 rows with a cell each, about 200 MB of XML deflated to a few hundred KB.
        using var workbook = Workbook(Repeated("<row><c t=\"inlineStr\"><is><t>420102002003</t></is></c></row>", 8_000_000));

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        AssertRefused(content, "file", ReportProblemCodes.WorkbookTooLarge, s_limits.MaxUnpackedMegabytes);
    }

    [Fact]
    public void Read_OneRowMoreThanTheLimit_IsRefusedAsTooManyRows()
    {
        // Arrange
        using var workbook = Workbook(NumberedRows(s_limits.MaxRows + 1));

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        AssertRefused(content, "file", ReportProblemCodes.TooManyRows, s_limits.MaxRows);
    }

    [Fact]
    public void Read_ThousandsOfPackageRelationships_AreRefusedNotKept()
    {
        // Arrange: a hostile test's 477 KB file listed 70,000 long relationships: +129 MB held while the sheet was read
        var listed = string.Concat(Enumerable.Range(0, 1_000).Select(i => $"<Relationship Id=\"q{i}\" Type=\"t\" Target=\"q{i}\"/>"));
        using var workbook = Workbook(NumberedRows(1), packageRelationships: listed);

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        AssertRefused(content, "file", ReportProblemCodes.TooManyParts, s_limits.MaxParts);
    }

    [Fact]
    public void Read_ThousandsOfSheets_AreRefusedNotKept()
    {
        // Arrange
        var listed = string.Concat(Enumerable.Range(0, 1_000).Select(i => $"<sheet name=\"s{i}\" sheetId=\"{i + 2}\" r:id=\"x{i}\"/>"));
        using var workbook = Workbook(NumberedRows(1), moreSheets: listed);

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        AssertRefused(content, "file", ReportProblemCodes.TooManyParts, s_limits.MaxParts);
    }

    [Theory]
    [InlineData(5_000, 8)]     // many made-up element names, each kept by the XML reader for as long as it reads
    [InlineData(1, 300)]       // one name longer than any SpreadsheetML uses
    public void Read_MadeUpXmlNames_AreRefused(int names, int length)
    {
        // Arrange
        using var workbook = Workbook(sheet =>
        {
            var elements = string.Concat(Enumerable.Range(0, names).Select(i => $"<{new string('n', length)}{i}/>"));
            sheet.Write(System.Text.Encoding.UTF8.GetBytes(elements));
        });

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        AssertRefused(content, "file", ReportProblemCodes.TooManyParts, s_limits.MaxXmlNames);
    }

    [Fact]
    public void Read_FullSheet_GivesEveryRow()
    {
        // Arrange
        using var workbook = Workbook(NumberedRows(s_limits.MaxRows));

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        Assert.True(content.Errors.IsEmpty);
        Assert.Equal(s_limits.MaxRows, content.Updates.Count);
        Assert.Equal(s_limits.MaxRows + 1, content.RowNumbers[^1]);
    }

    [Fact]
    public void Read_CellOfHalfABillionCharacters_IsRefusedByItsUnpackedSize()
    {
        // Arrange: 512 million characters in one cell, about 0.5 MB deflated.
        using var workbook = Workbook(RowWithCell("<c r=\"B2\" t=\"inlineStr\"><is><t>", 512L * 1024 * 1024, "A", "</t></is></c>"));

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        AssertRefused(content, "file", ReportProblemCodes.WorkbookTooLarge, s_limits.MaxUnpackedMegabytes);
    }

    [Fact]
    public void Read_CellOfSixtyMillionCharacters_IsRefusedAtItsRowWhileStreaming()
    {
        // Arrange: within the unpacked budget, so only the streaming checks stop it.
        using var workbook = Workbook(RowWithCell("<c r=\"B2\" t=\"inlineStr\"><is><t>", 60L * 1024 * 1024, "A", "</t></is></c>"));

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        AssertRefused(content, "rows[2]", ReportProblemCodes.CellTooLong, s_limits.MaxCellCharacters);
    }

    [Fact]
    public void Read_CellOneCharacterOverTheLimit_IsRefusedAtItsRow()
    {
        // Arrange
        using var workbook = Workbook(RowWithCell("<c r=\"B2\" t=\"inlineStr\"><is><t>", s_limits.MaxCellCharacters + 1, "创", "</t></is></c>"));

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        AssertRefused(content, "rows[2]", ReportProblemCodes.CellTooLong, s_limits.MaxCellCharacters);
    }

    [Fact]
    public void Read_SharedStringOverTheLimit_IsRefusedWhereTheSheetUsesIt()
    {
        // Arrange: string 1 is too long; row 2 uses string 0, row 3 string 1.
        var strings = $"<si><t>创建中</t></si><si><t>{new string('A', s_limits.MaxCellCharacters + 1)}</t></si>";
        using var used = Workbook(NumberedRowsWithSharedStage([0, 1]), strings);

        // Act
        var content = ReportWorkbook.Read(used);

        // Assert
        AssertRefused(content, "rows[3]", ReportProblemCodes.CellTooLong, s_limits.MaxCellCharacters);
    }

    [Fact]
    public void Read_SharedStringOverTheLimit_IsIgnoredWhenNoCellUsesIt()
    {
        // Arrange: a long text elsewhere in the workbook (another sheet's notes) is no reason to refuse.
        using var workbook = Workbook(NumberedRowsWithSharedStage([0]), $"<si><t>创建中</t></si><si><t>{new string('A', 10_000)}</t></si>");

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        Assert.True(content.Errors.IsEmpty);
        Assert.Equal([2], content.RowNumbers);
    }

    [Fact]
    public void Read_SharedStringsBeyondTheirCount_AreRefused()
    {
        // Arrange: more empty texts than a full sheet has cells.
        using var workbook = Workbook(NumberedRows(1), string.Concat(Enumerable.Repeat("<si/>", s_limits.MaxSharedStrings + 1)));

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        AssertRefused(content, "file", ReportProblemCodes.SharedStringsTooLarge, s_limits.MaxSharedStrings, s_limits.MaxSharedStringCharacters);
    }

    [Fact]
    public void Read_ColumnBeyondTheLimit_IsRefusedAtItsRow()
    {
        // Arrange: a cell in the last column Excel has.
        using var workbook = Workbook(RowWithCell("", 0, "", "<c r=\"XFD2\"><v>1</v></c>"));

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        AssertRefused(content, "rows[2]", ReportProblemCodes.TooManyColumns, s_limits.MaxColumns);
    }

    [Fact]
    public void Read_TagOfSixtyMegabytes_IsRefusedBeforeItIsBuffered()
    {
        // Arrange: one attribute value of 60 MB (with '>' inside, which a tag may hold in quotes).
        using var workbook = Workbook(RowWithCell("<c r=\"B2\" note=\"", 30L * 1024 * 1024, "a>", "\"><v>1</v></c>"));

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        Assert.Equal([ReportProblemCodes.UnreadableWorkbook], content.Errors.ToCodes()["file"]);
        Assert.Empty(content.Updates);
    }

    [Fact]
    public void Read_DirectoryUnderstatingTheSheet_IsNotInflatedPastWhatItStates()
    {
        // Arrange: 80 MB of small elements inside a row, while the zip's headers say 1 KB. The runtime stops inflating
        // at the stated size (the sheet then ends mid-row); the reader's own count would stop it at the budget.
        using var honest = Workbook(RowWithCell("", 20L * 1024 * 1024, "<x/>", ""));
        using var workbook = WithStatedSheetSize(honest, 1024);

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        Assert.Equal([ReportProblemCodes.UnreadableWorkbook], content.Errors.ToCodes()["file"]);
        Assert.Empty(content.Updates);
    }

    [Fact]
    public void Read_DirectoryStatingTooMuch_IsRefusedWithoutInflating()
    {
        // Arrange
        using var workbook = WithStatedSheetSize(Workbook(NumberedRows(1)), (uint)s_limits.MaxUnpackedBytes + 1);

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        AssertRefused(content, "file", ReportProblemCodes.WorkbookTooLarge, s_limits.MaxUnpackedMegabytes);
    }

    [Fact]
    public void Read_ElementsNestedAMillionDeep_AreRefused()
    {
        // Arrange
        using var workbook = Workbook(RowWithCell("", 1_000_000, "<x>", ""));

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        Assert.Equal([ReportProblemCodes.UnreadableWorkbook], content.Errors.ToCodes()["file"]);
    }

    [Fact]
    public void Read_TenThousandBadRows_ListsTheFirstProblemsOnly()
    {
        // Arrange: every row's stage is unreadable.
        using var workbook = Workbook(NumberedRows(s_limits.MaxRows, stage: "完成了"));

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        Assert.Equal(s_limits.MaxProblems + 1, content.Errors.Problems.Count);
        Assert.Equal([ReportProblemCodes.TooManyProblems], content.Errors.ToCodes()["file"]);
        Assert.Equal([ReportProblemCodes.InvalidStage], content.Errors.ToCodes()["rows[2].stage"]);
    }

    [Fact]
    public void Read_CellsAsExcelWritesThem_ReadsSharedStringsNumbersAndSerialDays()
    {
        // Arrange: the code as a number, the stage from the shared strings, the day as a serial number (44701 = 2022-05-20).
        using var workbook = Workbook(Repeated("<row r=\"2\"><c r=\"A2\"><v>420102002004</v></c><c r=\"B2\" t=\"s\"><v>0</v></c><c r=\"C2\" s=\"3\"><v>44701</v></c></row>", 1),
            "<si><r><t>创建</t></r><r><t>中</t></r><rPh><t>ちゅう</t></rPh></si>");

        // Act
        var content = ReportWorkbook.Read(workbook);

        // Assert
        Assert.True(content.Errors.IsEmpty);
        Assert.Equal("420102002004", content.Updates[0].Community);
        Assert.Equal(GreenCommunity.Domain.Communities.Stage.InProgress, content.Updates[0].Stage);
        Assert.Equal(new DateOnly(2022, 5, 20), content.Updates[0].Effective);
    }

    private static void AssertRefused(WorkbookContent content, string path, string code, params object[] values)
    {
        var problem = Assert.Single(content.Errors.Problems);
        Assert.Equal((path, code, string.Join(", ", values)), (problem.Path, problem.Code, string.Join(", ", problem.Arguments)));
        Assert.Equal(values, problem.Arguments);
        Assert.Empty(content.Updates);
    }

    /// <summary>Rows 2, 3, ... whose stage cells name the given shared strings.</summary>
    private static Action<Stream> NumberedRowsWithSharedStage(int[] strings) => sheet =>
    {
        for (var i = 0; i < strings.Length; i++)
        {
            var row = i + 2;
            Repeated($"<row r=\"{row}\"><c r=\"A{row}\" t=\"inlineStr\"><is><t>4201020020{i:D2}</t></is></c><c r=\"B{row}\" t=\"s\"><v>{strings[i]}</v></c>"
                + $"<c r=\"C{row}\" t=\"inlineStr\"><is><t>2022-05-20</t></is></c></row>", 1)(sheet);
        }
    };
}
