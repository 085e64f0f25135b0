using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Domain.Tests;

/// <summary>The one reader behind the API's JSON, the Excel rows and the submit form.</summary>
public sealed class CommunityUpdateReaderTests
{
    [Fact]
    public void Read_TheSameUpdateInEachDoorsForms_GivesTheSameUpdate()
    {
        // Arrange: as the API sends it, as a sheet row holds it, as the form has it.
        var json = new UpdateFields("420102002003", Stage.InProgress, "2022-05-20", [new("1", true), new("12", 0.42)]);
        var sheet = new UpdateFields(" 420102002003 ", "创建中", new DateOnly(2022, 5, 20), [new("1", "是"), new("12", "42%")]);
        var form = new UpdateFields("420102002003", "in_progress", "2022-05-20", [new("1", true), new("12", "42 %")]);

        // Act
        var read = new[] { json, sheet, form }.Select(f => CommunityUpdateReader.Read(f, "updates[0]", new ValidationErrors())).ToList();

        // Assert
        Assert.All(read, u =>
        {
            Assert.NotNull(u);
            Assert.Equal(("420102002003", Stage.InProgress, new DateOnly(2022, 5, 20)), (u.Community, u.Stage, u.Effective));
            Assert.Equal(1.0, u.Criteria[1]);
            Assert.Equal(0.42, u.Criteria[12], 9);
        });
    }

    [Fact]
    public void Read_EveryFieldWrong_NamesEachByPathAndCode()
    {
        // Arrange
        var fields = new UpdateFields(null, "started", "2022-13-01", [new("0", true), new("3", 0.5), new("12", 1.5), new("5", UpdateFields.Unreadable)]);
        var errors = new ValidationErrors();

        // Act
        var update = CommunityUpdateReader.Read(fields, "rows[4]", errors);

        // Assert
        Assert.Null(update);
        Assert.Equal(
            [
                ("rows[4].community", ReportProblemCodes.Required), ("rows[4].stage", ReportProblemCodes.InvalidStage),
                ("rows[4].effective", ReportProblemCodes.InvalidDate), ("rows[4].criteria.0", ReportProblemCodes.UnknownCriterion),
                ("rows[4].criteria.3", ReportProblemCodes.InvalidYesNo), ("rows[4].criteria.12", ReportProblemCodes.InvalidShare),
                ("rows[4].criteria.5", ReportProblemCodes.InvalidYesNo),
            ],
            errors.Problems.Select(p => (p.Path, p.Code)));
    }

    [Fact]
    public void Read_NoStageAndNoCriteria_IsAnUpdateOfNothingButTheDay()
    {
        var update = CommunityUpdateReader.Read(new UpdateFields("420102002003", null, "2022-05-20", []), "updates[0]", new ValidationErrors());

        Assert.NotNull(update);
        Assert.Null(update.Stage);
        Assert.Empty(update.Criteria);
    }
}
