using System.Globalization;
using System.Text.RegularExpressions;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;
using MiniExcelLibs;

namespace GreenCommunity.Dashboard.Intake;

/// <summary>
/// The Excel template for community updates (one row per community: code, name, stage, effective date and the
/// 16 criteria) and its reader. Every problem is reported with its row number, as "rows[5].stage".
/// </summary>
public static partial class ReportWorkbook
{
    public const string UpdatesSheet = "填报";
    public const string GuideSheet = "说明";
    public const string CodeColumn = "社区代码";
    public const string NameColumn = "社区名称";
    public const string StageColumn = "阶段";
    public const string EffectiveColumn = "生效日期";

    public static string CriterionColumn(int number) => $"标准{number}";

    /// <summary>Stage words a coordinator may type: the Chinese labels or the API's names.</summary>
    private static readonly Dictionary<string, Stage> s_stages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["未启动"] = Stage.NotStarted,
        ["试点"] = Stage.Pilot,
        ["创建中"] = Stage.InProgress,
        ["已验收"] = Stage.Accepted,
        ["not_started"] = Stage.NotStarted,
        ["pilot"] = Stage.Pilot,
        ["in_progress"] = Stage.InProgress,
        ["accepted"] = Stage.Accepted,
    };

    public static string StageLabel(Stage stage) => s_stages.First(s => s.Value == stage).Key;

    /// <summary>A template listing a locality's communities (code, name, current stage as a note), to fill in and upload.</summary>
    public static byte[] CreateTemplate(IEnumerable<(string Code, string Name)> communities)
    {
        var rows = communities.Select(c =>
        {
            var row = new Dictionary<string, object?> { [CodeColumn] = c.Code, [NameColumn] = c.Name, [StageColumn] = null, [EffectiveColumn] = null };
            foreach (var criterion in GreenCommunityStandard.Criteria)
            {
                row[CriterionColumn(criterion.Number)] = null;
            }
            return row;
        }).ToList();
        if (rows.Count == 0)
        {
            rows.Add(new Dictionary<string, object?>
            {
                [CodeColumn] = null, [NameColumn] = null, [StageColumn] = null, [EffectiveColumn] = null,
            });
            foreach (var criterion in GreenCommunityStandard.Criteria)
            {
                rows[0][CriterionColumn(criterion.Number)] = null;
            }
        }
        var guide = new List<Dictionary<string, object?>>
        {
            Guide("填写方法 How to fill in", "每行一个社区；只填写有变化的行，其余行留空（上传时跳过）。One row per community; rows with nothing but code and name are skipped."),
            Guide(StageColumn, "未启动 / 试点 / 创建中 / 已验收（已验收仅由省住建厅填报）；留空表示阶段不变。Stage, or blank to keep it."),
            Guide(EffectiveColumn, "生效日期 YYYY-MM-DD，不晚于上传当天。The day the change took effect, not after today."),
            Guide("标准1–16", "是 / 否（或 TRUE/FALSE、1/0）；留空表示本次未评估。标准12为物业管理覆盖率，填0–1之间的小数或百分比，≥30%为达标。"),
        };
        guide.AddRange(GreenCommunityStandard.Criteria.Select(c => Guide(CriterionColumn(c.Number), $"{c.Text}（{c.ShortEn}）")));
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [UpdatesSheet] = rows, [GuideSheet] = guide });
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Guide(string item, string text) => new() { ["项目 Item"] = item, ["说明 Explanation"] = text };

    /// <summary>Reads the filled template: the updates, the sheet row each came from, and every problem by row.</summary>
    public static WorkbookContent Read(Stream stream)
    {
        var errors = new ValidationErrors();
        var updates = new List<CommunityUpdate>();
        var rowNumbers = new List<int>();
        List<IDictionary<string, object?>> rows;
        try
        {
            var sheet = stream.GetSheetNames().Contains(UpdatesSheet) ? UpdatesSheet : null;
            rows = stream.Query(useHeaderRow: true, sheetName: sheet, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        }
#pragma warning disable CA1031 // Any failure to read the file is the user's file being unreadable, reported as such.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            errors.Add("file", $"Not a readable .xlsx workbook: {ex.Message}");
            return new WorkbookContent(updates, rowNumbers, errors);
        }
        if (rows.Count > 0 && !rows[0].ContainsKey(CodeColumn))
        {
            errors.Add("file", $"The first sheet has no column \"{CodeColumn}\": use the template.");
            return new WorkbookContent(updates, rowNumbers, errors);
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var rowNumber = i + 2;   // row 1 is the header
            if (ReadRow(rows[i], $"rows[{rowNumber}]", errors) is { } update)
            {
                updates.Add(update);
                rowNumbers.Add(rowNumber);
            }
        }
        if (updates.Count == 0 && errors.IsEmpty)
        {
            errors.Add("file", "No row has a stage, a date or a criterion filled in.");
        }
        return new WorkbookContent(updates, rowNumbers, errors);
    }

    private static CommunityUpdate? ReadRow(IDictionary<string, object?> row, string path, ValidationErrors errors)
    {
        var code = Text(row, CodeColumn);
        var stageText = Text(row, StageColumn);
        var effectiveCell = row.TryGetValue(EffectiveColumn, out var e) ? e : null;
        var criteriaCells = GreenCommunityStandard.Criteria
            .Select(c => (Criterion: c, Value: row.TryGetValue(CriterionColumn(c.Number), out var v) ? v : null))
            .Where(c => !IsBlank(c.Value))
            .ToList();
        if (stageText is null && IsBlank(effectiveCell) && criteriaCells.Count == 0)
        {
            return null;   // a listed community with nothing to report
        }
        var problems = errors.Count;
        if (code is null)
        {
            errors.Add($"{path}.community", "社区代码 is empty.");
        }
        Stage? stage = null;
        if (stageText is not null)
        {
            if (s_stages.TryGetValue(stageText, out var s))
            {
                stage = s;
            }
            else
            {
                errors.Add($"{path}.stage", "未启动 / 试点 / 创建中 / 已验收, or blank.");
            }
        }
        var effective = ReadDay(effectiveCell);
        if (effective is null)
        {
            errors.Add($"{path}.effective", "生效日期 must be a date (YYYY-MM-DD).");
        }
        var criteria = new Dictionary<int, double>();
        foreach (var (criterion, value) in criteriaCells)
        {
            if (ReadCriterion(criterion, value) is { } parsed)
            {
                criteria[criterion.Number] = parsed;
            }
            else
            {
                errors.Add($"{path}.criteria.{criterion.Number}", criterion.IsShare ? "A share from 0 to 1 (or a percentage)." : "是 or 否.");
            }
        }
        return errors.Count > problems ? null : new CommunityUpdate(code!, stage, effective!.Value, criteria);
    }

    private static string? Text(IDictionary<string, object?> row, string column) =>
        row.TryGetValue(column, out var value) && !IsBlank(value) ? Convert.ToString(value, CultureInfo.InvariantCulture)!.Trim() : null;

    private static bool IsBlank(object? value) => value is null || (value is string s && string.IsNullOrWhiteSpace(s));

    private static DateOnly? ReadDay(object? cell) => cell switch
    {
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        double serial when serial is > 0 and < 2958466 => DateOnly.FromDateTime(DateTime.FromOADate(serial)),
        string text when DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => day,
        _ => null,
    };

    private static double? ReadCriterion(Criterion criterion, object? cell)
    {
        if (criterion.IsShare)
        {
            double? share = cell switch
            {
                double d => d,
                int i => i,
                string s when PercentText().Match(s.Trim()) is { Success: true } m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / 100,
                string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                _ => null,
            };
            return share is { } v && criterion.IsValidValue(v) ? v : null;
        }
        return cell switch
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

    /// <summary>Turns the intake's "updates[3].stage" into the sheet's "rows[5].stage".</summary>
    public static IReadOnlyDictionary<string, string[]> ToRowErrors(IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<int> rowNumbers) =>
        errors.ToDictionary(e => UpdateIndex().Replace(e.Key, m => $"rows[{rowNumbers[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]}]"), e => e.Value, StringComparer.Ordinal);

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*%$")]
    private static partial Regex PercentText();

    [GeneratedRegex(@"^updates\[([0-9]+)\]")]
    private static partial Regex UpdateIndex();
}

/// <summary>What a filled template holds: the updates in sheet order, each one's row number, and the problems.</summary>
public sealed record WorkbookContent(IReadOnlyList<CommunityUpdate> Updates, IReadOnlyList<int> RowNumbers, ValidationErrors Errors);
