using Bunit;
using GreenCommunity.Dashboard.Components.Controls.Submit;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Domain.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Tests.Components;

public sealed class ErrorListTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    [Fact]
    public void Render_ThousandsOfProblems_ListsTheFirstInRowOrderAndCountsTheRest()
    {
        // Arrange: a sheet whose 2,500 rows are all bad, as an upload of a wrong file gives
        var errors = new ValidationErrors();
        for (var row = 2500; row >= 1; row--)
        {
            errors.Add($"rows[{row}].stage", ReportProblemCodes.InvalidStage);
        }

        // Act
        var texts = Services.GetRequiredService<ReportProblemTexts>().Texts(errors);
        var cut = Render<ErrorList>(p => p.Add(e => e.Texts, texts).Add(e => e.Title, "未通过检查"));

        // Assert
        var items = cut.FindAll("li[data-path]");
        Assert.Equal(ErrorList.MaxShown, items.Count);
        Assert.Equal(Enumerable.Range(1, ErrorList.MaxShown).Select(r => $"rows[{r}].stage"), items.Select(i => i.GetAttribute("data-path")));
        Assert.Contains("另有 2400 个问题", cut.Find("[data-testid='more-problems']").TextContent, StringComparison.Ordinal);
        Assert.Equal("第1行 · 阶段：阶段应为 未启动 / 试点 / 创建中 / 已验收 之一，或留空。", items[0].TextContent);
    }

    [Theory]
    [InlineData("updates[1].community", "第2行 · 社区")]
    [InlineData("updates[0].criteria.12", "第1行 · 第12项标准")]
    [InlineData("rows[5].stage", "第5行 · 阶段")]
    [InlineData("rows[5]", "第5行")]
    [InlineData("period", "报告期")]
    [InlineData("submittedBy", "报送单位")]
    [InlineData("sender", "报送账号")]
    [InlineData("$", "报告")]
    public void Describe_ApiPath_ReadsAsTheRowAndFieldInChinese(string path, string place)
    {
        // Act
        var described = ProblemPlaces.Describe(path, Services.GetRequiredService<IStringLocalizer<Resources.Submit>>());

        // Assert
        Assert.Equal(place, described);
    }

    [Theory]
    [InlineData("rows[9]", "rows[10]")]
    [InlineData("updates[2].stage", "updates[10].community")]
    [InlineData("locality", "updates[0].community")]
    [InlineData("rows[5]", "rows[5].stage")]
    public void Order_NumbersReadAsNumbers(string first, string second)
    {
        Assert.True(ProblemPathOrder.Instance.Compare(first, second) < 0);
        Assert.True(ProblemPathOrder.Instance.Compare(second, first) > 0);
    }
}
