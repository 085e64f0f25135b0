using System.Text.Json;
using GreenCommunity.Domain.Inspections;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Domain.Tests.Inspections;

public sealed class InspectionRequestsTests
{
    private static readonly DateOnly s_today = new(2026, 11, 30);
    private static readonly DateOnly s_start = new(2021, 5, 31);

    private static (InspectionVisit? Visit, ValidationErrors Errors) Visit(string json)
    {
        var errors = new ValidationErrors();
        using var document = JsonDocument.Parse(json);
        return (InspectionRequests.ReadVisit(document.RootElement, s_today, s_start, errors), errors);
    }

    private static (IReadOnlyList<FindingAnswer>? Answers, ValidationErrors Errors) Answers(string json)
    {
        var errors = new ValidationErrors();
        using var document = JsonDocument.Parse(json);
        return (InspectionRequests.ReadAnswers(document.RootElement, s_today, errors), errors);
    }

    [Fact]
    public void ReadVisit_ValidRequest_ReadsEveryField()
    {
        // Arrange
        const string Json = """
            {"community":"420102002003","date":"2026-11-20","inspectors":"省住建厅 张三、李四",
             "findings":{"12":{"met":false,"note":"物业覆盖不足"},"3":{"met":true}},"rectifyBy":"2026-12-31"}
            """;

        // Act
        var (visit, errors) = Visit(Json);

        // Assert
        Assert.True(errors.IsEmpty);
        Assert.Equal(new InspectionVisit("420102002003", new DateOnly(2026, 11, 20), "省住建厅 张三、李四",
            visit!.Findings, new DateOnly(2026, 12, 31)), visit);
        Assert.Equal([new InspectionFinding(3, true, null), new InspectionFinding(12, false, "物业覆盖不足")], visit.Findings);
        Assert.True(visit.HasUnmet);
    }

    [Fact]
    public void ReadVisit_AllMetWithoutRectifyBy_IsValid()
    {
        // Act
        var (visit, errors) = Visit("""{"community":"420102002003","date":"2026-11-20","inspectors":"A","findings":{"1":{"met":true}}}""");

        // Assert
        Assert.True(errors.IsEmpty);
        Assert.Null(visit!.RectifyBy);
    }

    [Fact]
    public void ReadVisit_EveryProblem_ListedByPath()
    {
        // Arrange: each field wrong in its own way
        const string Json = """
            {"community":"42010200200","date":"2026-12-01","inspectors":"","extra":1,
             "findings":{"12":{"met":"no","note":5,"why":1},"17":{"met":true},"01":{"met":true},"4":true,"5":{}},
             "rectifyBy":"soon"}
            """;

        // Act
        var (visit, errors) = Visit(Json);

        // Assert
        Assert.Null(visit);
        var codes = errors.ToCodes();
        Assert.Equal(["unknown_field"], codes["extra"]);
        Assert.Equal(["invalid_community_code"], codes["community"]);
        Assert.Equal(["day_in_future"], codes["date"]);
        Assert.Equal(["required"], codes["inspectors"]);
        Assert.Equal(["invalid_yes_no"], codes["findings.12.met"]);
        Assert.Equal(["not_a_string"], codes["findings.12.note"]);
        Assert.Equal(["unknown_field"], codes["findings.12.why"]);
        Assert.Equal(["unknown_criterion"], codes["findings.17"]);
        Assert.Equal(["unknown_criterion"], codes["findings.01"]);
        Assert.Equal(["not_an_object"], codes["findings.4"]);
        Assert.Equal(["required"], codes["findings.5.met"]);
        Assert.Equal(["invalid_date"], codes["rectifyBy"]);
        Assert.Equal(12, errors.Count);
    }

    [Fact]
    public void ReadVisit_NothingGiven_RequiresEachField()
    {
        // Act
        var (_, errors) = Visit("{}");

        // Assert
        Assert.Equal(["community", "date", "inspectors", "findings"], errors.ToCodes().Keys);
        Assert.All(errors.Problems, p => Assert.Equal(ReportProblemCodes.Required, p.Code));
    }

    [Theory]
    [InlineData("""{"community":"420102002003","date":"2021-05-30","inspectors":"A","findings":{"1":{"met":true}}}""", "date", "effective_before_campaign")]
    [InlineData("""{"community":"420102002003","date":"2026-11-20","inspectors":"A","findings":{}}""", "findings", "no_findings")]
    [InlineData("""{"community":"420102002003","date":"2026-11-20","inspectors":"A","findings":[]}""", "findings", "criteria_not_an_object")]
    [InlineData("""{"community":"420102002003","date":"2026-11-20","inspectors":"A","findings":{"2":{"met":false}}}""", "rectifyBy", "rectify_by_required")]
    [InlineData("""{"community":"420102002003","date":"2026-11-20","inspectors":"A","findings":{"2":{"met":false}},"rectifyBy":"2026-11-19"}""", "rectifyBy", "before_visit")]
    [InlineData("""{"community":420102002003,"date":"2026-11-20","inspectors":"A","findings":{"2":{"met":true}}}""", "community", "not_a_string")]
    public void ReadVisit_OneProblem_AtItsPath(string json, string path, string code)
    {
        // Act
        var (visit, errors) = Visit(json);

        // Assert
        Assert.Null(visit);
        var problem = Assert.Single(errors.Problems);
        Assert.Equal((path, code), (problem.Path, problem.Code));
    }

    [Fact]
    public void ReadVisit_TextsAtTheirLimits_LongerRefused()
    {
        // Arrange
        var fits = WithTexts(new string('检', 200), new string('注', 1000));
        var tooLong = WithTexts(new string('检', 201), new string('注', 1001));

        // Act
        var (_, fitting) = Visit(fits);
        var (_, refused) = Visit(tooLong);

        // Assert
        Assert.True(fitting.IsEmpty);
        Assert.Equal(["inspectors", "findings.2.note"], refused.ToCodes().Keys);
        Assert.All(refused.Problems, p => Assert.Equal(ReportProblemCodes.TooLong, p.Code));
    }

    private static string WithTexts(string inspectors, string note) => JsonSerializer.Serialize(new
    {
        community = "420102002003",
        date = "2026-11-20",
        inspectors,
        findings = new Dictionary<string, object> { ["2"] = new { met = true, note } },
    });

    [Fact]
    public void ReadAnswers_ValidRequest_ReadsEachAnswer()
    {
        // Act
        var (answers, errors) = Answers("""{"answers":{"12":{"rectified":true,"note":"已补签物业合同","date":"2026-11-28"}}}""");

        // Assert
        Assert.True(errors.IsEmpty);
        Assert.Equal([new FindingAnswer(12, "已补签物业合同", new DateOnly(2026, 11, 28))], answers!);
    }

    [Fact]
    public void ReadAnswers_EveryProblem_ListedByPath()
    {
        // Act
        var (answers, errors) = Answers("""{"answers":{"12":{"rectified":false,"date":"2026-12-01"},"3":{"note":"x"},"20":{"rectified":true,"date":"2026-11-01"}},"more":1}""");

        // Assert
        Assert.Null(answers);
        var codes = errors.ToCodes();
        Assert.Equal(["unknown_field"], codes["more"]);
        Assert.Equal(["not_rectified"], codes["answers.12.rectified"]);
        Assert.Equal(["day_in_future"], codes["answers.12.date"]);
        Assert.Equal(["required"], codes["answers.3.rectified"]);
        Assert.Equal(["required"], codes["answers.3.date"]);
        Assert.Equal(["unknown_criterion"], codes["answers.20"]);
    }

    [Fact]
    public void ReadAnswers_Empty_NeedsOne()
    {
        // Act
        var (_, empty) = Answers("""{"answers":{}}""");
        var (_, none) = Answers("{}");

        // Assert
        Assert.Equal(("answers", "no_answers"), (Assert.Single(empty.Problems).Path, empty.Problems[0].Code));
        Assert.Equal(("answers", "required"), (Assert.Single(none.Problems).Path, none.Problems[0].Code));
    }

    [Fact]
    public void CheckAnswers_OnlyOpenFindingsAfterTheVisit()
    {
        // Arrange
        var visited = new DateOnly(2026, 11, 10);
        StoredFinding[] findings = [new(3, true, null), new(5, false, new DateOnly(2026, 11, 20)), new(12, false, null)];
        FindingAnswer[] answers =
        [
            new(3, null, visited), new(5, null, visited), new(7, null, visited), new(12, null, visited.AddDays(-1)),
        ];

        // Act
        var codes = InspectionRules.CheckAnswers(answers, findings, visited).ToCodes();

        // Assert
        Assert.Equal(["finding_met"], codes["answers.3"]);
        Assert.Equal(["finding_already_answered"], codes["answers.5"]);
        Assert.Equal(["not_a_finding"], codes["answers.7"]);
        Assert.Equal(["before_visit"], codes["answers.12.date"]);
        Assert.Equal(4, codes.Count);
        Assert.True(InspectionRules.CheckAnswers([new(12, null, visited)], findings, visited).IsEmpty);
    }

    [Theory]
    [InlineData("2026-11-29", true, 1)]
    [InlineData("2026-11-30", true, 0)]
    [InlineData("2026-10-31", true, 30)]
    [InlineData("2026-10-31", false, 0)]
    public void DaysOverdue_CountsPastTheDeadlineWhileOpen(string rectifyBy, bool open, int expected) =>
        Assert.Equal(expected, InspectionRules.DaysOverdue(DateOnly.Parse(rectifyBy, System.Globalization.CultureInfo.InvariantCulture), open, s_today));
}
