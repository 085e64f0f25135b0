using Bunit;
using GreenCommunity.Dashboard.Components.Controls.Submit;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Domain.Reports;

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
        var cut = Render<ErrorList>(p => p.Add(e => e.Errors, errors).Add(e => e.Title, "未通过检查"));

        // Assert
        var items = cut.FindAll("li[data-path]");
        Assert.Equal(ErrorList.MaxShown, items.Count);
        Assert.Equal(Enumerable.Range(1, ErrorList.MaxShown).Select(r => $"rows[{r}].stage"), items.Select(i => i.GetAttribute("data-path")));
        Assert.Contains("另有 2400 个问题", cut.Find("[data-testid='more-problems']").TextContent, StringComparison.Ordinal);
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
