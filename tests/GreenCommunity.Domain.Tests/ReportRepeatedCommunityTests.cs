using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Domain.Tests;

/// <summary>One update per community in a report: a repeat is refused at its own path, naming the first occurrence.</summary>
public sealed class ReportRepeatedCommunityTests
{
    private static readonly Campaign s_hubei = CampaignDefinition.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "campaigns", "hubei-2021-2022.json")));

    private static readonly DateTimeOffset s_received = new(2022, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void CheckShape_SameCommunityTwice_RefusesTheLaterOneNamingTheFirst()
    {
        // Arrange
        var report = Report(
            Update("420102002003", Stage.Pilot),
            Update("420102002004", Stage.InProgress),
            Update("420102002003", Stage.InProgress),
            Update("420102002003", null),
            Update("420102002004", null));

        // Act
        var errors = new ValidationErrors();
        ReportRules.CheckShape(report, SubmitterScope.ForLocality("420100"), s_hubei, s_received, errors);

        // Assert
        Assert.Equal(
            [("updates[2].community", 0), ("updates[3].community", 0), ("updates[4].community", 1)],
            errors.Problems.Select(p => (p.Path, (int)p.Arguments[1])));
        Assert.All(errors.Problems, p => Assert.Equal(ReportProblemCodes.RepeatedCommunity, p.Code));
        Assert.Equal("Community 420102002003 is already in this report at updates[0]: one update per community.", errors.Problems[0].EnglishText);
    }

    [Fact]
    public void RepeatedCommunities_DistinctCommunities_FindsNone()
    {
        // Act
        var repeats = ReportRules.RepeatedCommunities([Update("420102002003", Stage.Pilot), Update("420102002004", Stage.Pilot)]);

        // Assert
        Assert.Empty(repeats);
    }

    [Fact]
    public void RepeatedCommunities_ARepeat_MapsItToTheFirstOccurrence()
    {
        // Act
        var repeats = ReportRules.RepeatedCommunities([Update("420102002003", Stage.Pilot), Update("420102002004", null), Update("420102002003", null)]);

        // Assert
        Assert.Equal(new Dictionary<int, int> { [2] = 0 }, repeats);
    }

    private static CommunityUpdate Update(string community, Stage? stage) =>
        new(community, stage, new DateOnly(2022, 5, 10), new Dictionary<int, double>());

    private static ReportSubmission Report(params CommunityUpdate[] updates) =>
        new("420100", ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), "武汉市住房和城乡建设局", null, updates);
}
