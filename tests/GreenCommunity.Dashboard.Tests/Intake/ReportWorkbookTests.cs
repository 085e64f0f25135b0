using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using MiniExcelLibs;

namespace GreenCommunity.Dashboard.Tests.Intake;

public sealed class ReportWorkbookTests
{
    [Fact]
    public void CreateTemplate_ListsTheCommunitiesUnderTheExpectedColumns()
    {
        // Act
        var bytes = ReportWorkbook.CreateTemplate([("420102002003", "保成社区"), ("420102002004", "泰宁社区")]);

        // Assert
        using var stream = new MemoryStream(bytes);
        Assert.Equal([ReportWorkbook.UpdatesSheet, ReportWorkbook.GuideSheet], stream.GetSheetNames());
        var rows = stream.Query(useHeaderRow: true, sheetName: ReportWorkbook.UpdatesSheet).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("保成社区", rows[0][ReportWorkbook.NameColumn]);
        Assert.Equal(20, rows[0].Count);   // code, name, stage, date and 16 criteria
        Assert.True(rows[0].ContainsKey("标准16"));
    }

    [Fact]
    public void Read_FilledRows_GivesUpdatesWithTheirRowNumbersAndSkipsBlankOnes()
    {
        // Arrange
        var sheet = Sheet(
            Row("420102002003", "保成社区"),                                            // nothing to report: skipped
            Row("420102002004", "泰宁社区", "创建中", "2022-05-20", ("标准1", "是"), ("标准12", "42%"), ("标准5", false)),
            Row("420102002005", "先锋社区", "pilot", new DateTime(2022, 5, 21)));

        // Act
        var content = ReportWorkbook.Read(sheet);

        // Assert
        Assert.True(content.Errors.IsEmpty);
        Assert.Equal([3, 4], content.RowNumbers);
        Assert.Equal("420102002004", content.Updates[0].Community);
        Assert.Equal(Stage.InProgress, content.Updates[0].Stage);
        Assert.Equal(new DateOnly(2022, 5, 20), content.Updates[0].Effective);
        Assert.Equal(1.0, content.Updates[0].Criteria[1]);
        Assert.Equal(0.42, content.Updates[0].Criteria[12], 9);
        Assert.Equal(0.0, content.Updates[0].Criteria[5]);
        Assert.Equal(Stage.Pilot, content.Updates[1].Stage);
        Assert.Equal(new DateOnly(2022, 5, 21), content.Updates[1].Effective);
    }

    [Fact]
    public void Read_BadRows_ReportsEveryProblemWithItsRowNumber()
    {
        // Arrange
        var sheet = Sheet(
            Row("420102002003", "保成社区", "完成了", "2022-05-20"),
            Row("420102002004", "泰宁社区", "创建中", "五月"),
            Row(null, "无代码", "试点", "2022-05-20", ("标准12", 1.5), ("标准3", "也许")));

        // Act
        var content = ReportWorkbook.Read(sheet);

        // Assert
        Assert.Empty(content.Updates);
        Assert.Equal(["rows[2].stage", "rows[3].effective", "rows[4].community", "rows[4].criteria.3", "rows[4].criteria.12"],
            content.Errors.ToDictionary().Keys);
    }

    [Fact]
    public void Read_NotAWorkbook_SaysSo()
    {
        // Act
        var content = ReportWorkbook.Read(new MemoryStream("not excel"u8.ToArray()));

        // Assert
        Assert.Equal(["file"], content.Errors.ToDictionary().Keys);
    }

    [Fact]
    public void ToRowErrors_MapsUpdateIndexesToSheetRows()
    {
        // Arrange
        var intake = new ValidationErrors();
        intake.Add("updates[1].stage", ReportProblemCodes.StageNotAllowed, Stage.Accepted, Stage.NotStarted);
        intake.Add("period", ReportProblemCodes.PeriodInFuture);

        // Act
        var errors = ReportWorkbook.ToRowErrors(intake, [3, 7]);

        // Assert: the path is the sheet's, the code and its values are the intake's.
        Assert.Equal(["rows[7].stage", "period"], errors.ToDictionary().Keys);
        Assert.Equal([ReportProblemCodes.StageNotAllowed], errors.ToCodes()["rows[7].stage"]);
        Assert.Equal("A community cannot go from accepted to not_started.", errors.ToDictionary()["rows[7].stage"][0]);
    }

    private static Dictionary<string, object?> Row(string? code, string name, object? stage = null, object? effective = null, params (string Column, object Value)[] criteria)
    {
        var row = new Dictionary<string, object?>
        {
            [ReportWorkbook.CodeColumn] = code,
            [ReportWorkbook.NameColumn] = name,
            [ReportWorkbook.StageColumn] = stage,
            [ReportWorkbook.EffectiveColumn] = effective,
        };
        for (var n = 1; n <= 16; n++)
        {
            row[ReportWorkbook.CriterionColumn(n)] = null;
        }
        foreach (var (column, value) in criteria)
        {
            row[column] = value;
        }
        return row;
    }

    private static MemoryStream Sheet(params Dictionary<string, object?>[] rows)
    {
        var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [ReportWorkbook.UpdatesSheet] = rows });
        stream.Position = 0;
        return stream;
    }
}
