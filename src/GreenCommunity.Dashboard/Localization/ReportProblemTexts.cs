using System.Globalization;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Localization;

/// <summary>A report problem's text in the reader's language: the Domain's English, or the Chinese of its code.</summary>
public sealed class ReportProblemTexts(IStringLocalizer<Resources.Problems> chinese)
{
    public string Text(ReportProblem problem)
    {
        if (DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture))
        {
            return problem.EnglishText;
        }
        var template = chinese[problem.Code];
        return template.ResourceNotFound
            ? problem.EnglishText
            : string.Format(CultureInfo.InvariantCulture, template.Value, problem.Arguments.Select(ChineseArgument).ToArray());
    }

    /// <summary>Path → texts in the reader's language.</summary>
    public IReadOnlyDictionary<string, string[]> Texts(ValidationErrors errors) => errors.ToDictionary(Text);

    private static object ChineseArgument(object argument) => argument switch
    {
        Stage stage => stage.ChineseLabel(),
        DateOnly day => IsoDay.Text(day),
        IEnumerable<int> numbers => string.Join("、", numbers),
        _ => argument,
    };
}
