using System.Globalization;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Domain.Reports;

/// <summary>
/// One community update's fields as a door received them, before they are read: the API's JSON, a row of the
/// Excel template or a line of the submit form each fill these, and <see cref="CommunityUpdateReader"/> reads them.
/// </summary>
/// <param name="Community">The twelve-digit code as text.</param>
/// <param name="Stage">Null (no change), a <see cref="Communities.Stage"/>, or its wire name or Chinese label.</param>
/// <param name="Effective">A <see cref="DateOnly"/> or YYYY-MM-DD text.</param>
/// <param name="Criteria">Criterion number as text ("1".."16") → a bool, a number, or text (是/否, 0.42, 42%).</param>
public sealed record UpdateFields(object? Community, object? Stage, object? Effective, IReadOnlyList<KeyValuePair<string, object?>> Criteria)
{
    /// <summary>A value the door could not take as any of the accepted forms (e.g. a JSON array where a value belongs).</summary>
    public static object Unreadable { get; } = new();
}

/// <summary>The one reader of a community update, shared by the JSON parser, the Excel reader and the submit form.</summary>
public static class CommunityUpdateReader
{
    /// <summary>The update, or null with every problem added under <paramref name="path"/> (e.g. "updates[3]").</summary>
    public static CommunityUpdate? Read(UpdateFields fields, string path, ValidationErrors errors)
    {
        var before = errors.Problems.Count;
        var community = ReadCommunity(fields.Community, $"{path}.community", errors);
        var stage = ReadStage(fields.Stage, $"{path}.stage", errors);
        var effective = ReadDay(fields.Effective, $"{path}.effective", errors);
        var criteria = new Dictionary<int, double>();
        foreach (var (key, value) in fields.Criteria)
        {
            var criterionPath = $"{path}.criteria.{key}";
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || number is < 1 or > GreenCommunityStandard.CriterionCount || key != number.ToString(CultureInfo.InvariantCulture))
            {
                errors.Add(criterionPath, ReportProblemCodes.UnknownCriterion);
                continue;
            }
            var criterion = GreenCommunityStandard.Get(number);
            if (ReadCriterion(criterion, value) is { } read)
            {
                criteria[number] = read;
            }
            else
            {
                errors.Add(criterionPath, criterion.IsShare ? ReportProblemCodes.InvalidShare : ReportProblemCodes.InvalidYesNo);
            }
        }
        return errors.Problems.Count > before ? null : new CommunityUpdate(community!, stage, effective!.Value, criteria);
    }

    private static string? ReadCommunity(object? value, string path, ValidationErrors errors)
    {
        switch (value)
        {
            case null:
            case string blank when string.IsNullOrWhiteSpace(blank):
                errors.Add(path, ReportProblemCodes.Required);
                return null;
            case string text:
                return text.Trim();
            default:
                errors.Add(path, ReportProblemCodes.NotAString);
                return null;
        }
    }

    private static Stage? ReadStage(object? value, string path, ValidationErrors errors)
    {
        switch (value)
        {
            case null:
            case string blank when string.IsNullOrWhiteSpace(blank):
                return null;
            case Stage stage:
                return stage;
            case string text when StageNames.TryParse(text, out var parsed):
                return parsed;
            default:
                errors.Add(path, ReportProblemCodes.InvalidStage);
                return null;
        }
    }

    private static DateOnly? ReadDay(object? value, string path, ValidationErrors errors)
    {
        switch (value)
        {
            case null:
            case string blank when string.IsNullOrWhiteSpace(blank):
                errors.Add(path, ReportProblemCodes.Required);
                return null;
            case DateOnly day:
                return day;
            case string text when IsoDay.TryParse(text, out var parsed):
                return parsed;
            default:
                errors.Add(path, ReportProblemCodes.InvalidDate);
                return null;
        }
    }

    private static double? ReadCriterion(Criterion criterion, object? value)
    {
        if (criterion.IsShare)
        {
            double? share = value switch
            {
                double d => d,
                int i => i,
                string s => ReadShareText(s.Trim()),
                _ => null,
            };
            return share is { } v && !double.IsNaN(v) && criterion.IsValidValue(v) ? v : null;
        }
        return value switch
        {
            bool b => b ? 1 : 0,
            double d when d is 0 or 1 => d,
            int i when i is 0 or 1 => i,
            string s => s.Trim().ToUpperInvariant() switch
            {
                "是" or "√" or "Y" or "YES" or "TRUE" or "1" or "达标" => 1,
                "否" or "×" or "N" or "NO" or "FALSE" or "0" or "未达标" => 0,
                _ => null,
            },
            _ => null,
        };
    }

    /// <summary>"0.42" or "42%" (as people write a share in a sheet).</summary>
    private static double? ReadShareText(string text)
    {
        var percent = text.EndsWith('%');
        var number = percent ? text[..^1].TrimEnd() : text;
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? percent ? value / 100 : value
            : null;
    }
}
