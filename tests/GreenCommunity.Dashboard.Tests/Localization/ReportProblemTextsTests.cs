using System.Globalization;
using System.Text.RegularExpressions;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Localization;

public sealed partial class ReportProblemTextsTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Fact]
    public void EveryCode_HasAChineseTextNamingTheSameValues()
    {
        // Arrange
        var texts = factory.Services.GetRequiredService<ReportProblemTexts>();
        using var chinese = new CultureScope(DashboardCultures.Chinese);

        // Act + Assert: a problem with marker values in every placeholder shows each marker, in Chinese.
        foreach (var (code, english) in ReportProblemCodes.EnglishTexts)
        {
            var placeholders = Placeholder().Matches(english).Select(m => m.Value).Distinct().Count();
            var markers = Enumerable.Range(0, placeholders).Select(i => (object)$"«{i}»").ToArray();
            var text = texts.Text(new ReportProblem("x", code, markers));
            Assert.NotEqual(new ReportProblem("x", code, markers).EnglishText, text);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", text);
            Assert.All(markers, m => Assert.Contains((string)m, text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Text_FollowsTheReadersLanguage_StagesInItsWords()
    {
        // Arrange
        var texts = factory.Services.GetRequiredService<ReportProblemTexts>();
        var problem = new ReportProblem("updates[0].stage", ReportProblemCodes.StageNotAllowed, [Stage.InProgress, Stage.NotStarted]);

        // Act
        string zh, en;
        using (new CultureScope(DashboardCultures.Chinese))
        {
            zh = texts.Text(problem);
        }
        using (new CultureScope("en"))
        {
            en = texts.Text(problem);
        }

        // Assert
        Assert.Equal("社区不能从“创建中”变为“未启动”。", zh);
        Assert.Equal("A community cannot go from in_progress to not_started.", en);
    }

    [GeneratedRegex(@"\{[0-9]+\}")]
    private static partial Regex Placeholder();

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _before = CultureInfo.CurrentUICulture;

        public CultureScope(string culture) => CultureInfo.CurrentUICulture = new CultureInfo(culture);

        public void Dispose() => CultureInfo.CurrentUICulture = _before;
    }
}
