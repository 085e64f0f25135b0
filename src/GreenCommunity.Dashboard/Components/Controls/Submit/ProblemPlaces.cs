using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Controls.Submit;

/// <summary>
/// Where a problem is, in the reader's words: the form's "updates[1].community" reads "第2行 · 社区" (Row 2 · Community),
/// a sheet's "rows[5].stage" "第5行 · 阶段", "period" "报告期". The API's paths are its own; a person never reads one.
/// </summary>
public static partial class ProblemPlaces
{
    public static string Describe(string path, IStringLocalizer<Resources.Submit> loc)
    {
        var match = RowPath().Match(path);
        if (!match.Success)
        {
            return Field(path, loc);
        }
        var number = long.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture);
        // The form's rows count from 1 as people do; a sheet's are already its row numbers.
        var row = loc[nameof(Resources.Submit.Row), match.Groups["list"].Value == "updates" ? number + 1 : number].Value;
        var field = match.Groups["field"];
        return field.Success ? loc[nameof(Resources.Submit.PlaceInRow), row, Field(field.Value, loc)] : row;
    }

    private static string Field(string name, IStringLocalizer<Resources.Submit> loc)
    {
        var criterion = CriterionPath().Match(name);
        if (criterion.Success)
        {
            return loc[nameof(Resources.Submit.FieldCriterion), criterion.Groups["number"].Value];
        }
        return loc[name switch
        {
            "locality" => nameof(Resources.Submit.Locality),
            "kind" => nameof(Resources.Submit.Kind),
            "period" => nameof(Resources.Submit.Period),
            "submittedBy" => nameof(Resources.Submit.SubmittedBy),
            "narrative" => nameof(Resources.Submit.Narrative),
            "updates" => nameof(Resources.Submit.FieldUpdates),
            "community" => nameof(Resources.Submit.CommunityShort),
            "stage" => nameof(Resources.Submit.Stage),
            "effective" => nameof(Resources.Submit.Effective),
            "file" => nameof(Resources.Submit.FieldFile),
            "sender" => nameof(Resources.Submit.FieldSender),
            _ => nameof(Resources.Submit.FieldReport),   // "$" (the body as a whole) and anything the API adds later
        }];
    }

    [GeneratedRegex(@"^(?<list>updates|rows)\[(?<number>[0-9]{1,9})\](?:\.(?<field>.+))?$")]
    private static partial Regex RowPath();

    [GeneratedRegex(@"^criteria\.(?<number>[0-9]{1,2})$")]
    private static partial Regex CriterionPath();
}
