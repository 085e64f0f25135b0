using System.Globalization;
using GreenCommunity.Domain.Standard;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Controls.Community;

/// <summary>A criterion's value as people read it: a share as a percentage, a yes/no criterion as yes or no.</summary>
public static class CriterionValues
{
    public static string Text(Criterion criterion, double value, IStringLocalizer<Resources.Community> loc) =>
        criterion.IsShare ? Percent(value) : value >= 1 ? loc[nameof(Resources.Community.Yes)] : loc[nameof(Resources.Community.No)];

    public static string Percent(double share) => share.ToString("P0", CultureInfo.CurrentCulture);

    /// <summary>The criterion's short name, then its full text (the standard's Chinese, or the English summary).</summary>
    public static (string Short, string Full) Names(Criterion criterion)
    {
        var english = Localization.DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture);
        return (criterion.ShortName(english), english ? criterion.ShortEn : criterion.Text);
    }
}
