using System.Globalization;
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
            : ReportProblemCodes.Format(template.Value, problem.Arguments, StageNames.ChineseLabel, "、");
    }

    /// <summary>Path → texts in the reader's language.</summary>
    public IReadOnlyDictionary<string, string[]> Texts(ValidationErrors errors) => errors.ToDictionary(Text);
}
