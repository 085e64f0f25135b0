using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Domain.Tests;

public sealed class StandardTests
{
    [Fact]
    public void Criteria_AreSixteenInFiveGroupsWithTheSeedsWording()
    {
        // Assert
        Assert.Equal(16, GreenCommunityStandard.Criteria.Count);
        Assert.Equal(Enumerable.Range(1, 16), GreenCommunityStandard.Criteria.Select(c => c.Number));
        Assert.Equal([3, 3, 4, 2, 4], GreenCommunityStandard.Groups.Select(g => GreenCommunityStandard.Criteria.Count(c => c.Group == g)));
        Assert.Equal("物业管理覆盖面不低于30%。", GreenCommunityStandard.Get(12).Text);
        Assert.Equal("建设了智能化安防系统。", GreenCommunityStandard.Get(11).Text);
    }

    [Fact]
    public void ShortName_EachCriterion_HasAShortDistinctNameInBothLanguages()
    {
        // Act
        var chinese = GreenCommunityStandard.Criteria.Select(c => c.ShortName(english: false)).ToList();
        var english = GreenCommunityStandard.Criteria.Select(c => c.ShortName(english: true)).ToList();

        // Assert: a word or two that fits a column head, one per criterion
        Assert.All(chinese, name => Assert.InRange(name.Length, 2, 5));
        Assert.All(english, name => Assert.InRange(name.Length, 4, 14));
        Assert.Equal(16, chinese.Distinct().Count());
        Assert.Equal(16, english.Distinct().Count());
        Assert.Equal("物业覆盖", GreenCommunityStandard.Get(12).ShortName(english: false));
        Assert.Equal("Security", GreenCommunityStandard.Get(11).ShortName(english: true));
    }

    [Theory]
    [InlineData(0.29, false)]
    [InlineData(0.30, true)]
    [InlineData(0.42, true)]
    public void PropertyManagement_IsMetFromThirtyPercent(double coverage, bool met) =>
        Assert.Equal(met, GreenCommunityStandard.Get(12).IsMet(coverage));

    [Theory]
    [InlineData(1, 0.5, false)]
    [InlineData(1, 1.0, true)]
    [InlineData(12, 1.2, false)]
    [InlineData(12, -0.1, false)]
    [InlineData(12, 0.0, true)]
    public void IsValidValue_ChecksTheKindOfCriterion(int number, double value, bool valid) =>
        Assert.Equal(valid, GreenCommunityStandard.Get(number).IsValidValue(value));

    [Fact]
    public void AllMet_OneMissingOrBelowThreshold_IsFalse()
    {
        // Arrange
        var all = Enumerable.Range(1, 16).ToDictionary(n => n, n => n == 12 ? 0.5 : 1.0);
        var lowCoverage = new Dictionary<int, double>(all) { [12] = 0.2 };
        var missing = new Dictionary<int, double>(all);
        missing.Remove(16);

        // Assert
        Assert.True(GreenCommunityStandard.AllMet(all));
        Assert.False(GreenCommunityStandard.AllMet(lowCoverage));
        Assert.False(GreenCommunityStandard.AllMet(missing));
    }
}
