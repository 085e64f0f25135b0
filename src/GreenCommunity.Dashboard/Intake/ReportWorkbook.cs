using System.Globalization;
using System.Text.RegularExpressions;
using GreenCommunity.Dashboard.Intake.Xlsx;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;
using MiniExcelLibs;

namespace GreenCommunity.Dashboard.Intake;

/// <summary>
/// The Excel template for community updates (one row per community: code, name, stage, effective date and the
/// 16 criteria) and its reader. Every problem is reported with its row number, as "rows[5].stage". MiniExcel writes
/// the template; uploads are read by <see cref="XlsxSheetReader"/>, which streams the sheet within limits.
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
                [CodeColumn] = null,
                [NameColumn] = null,
                [StageColumn] = null,
                [EffectiveColumn] = null,
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
    public static WorkbookContent Read(Stream stream) => Read(stream, WorkbookLimits.Default);

    /// <summary>
    /// As <see cref="Read(Stream)"/>, within <paramref name="limits"/>: the sheet is read a row at a time and refused at
    /// the first limit passed ("file", or the row it was found in), so no upload takes more memory than a full sheet.
    /// </summary>
    public static WorkbookContent Read(Stream stream, WorkbookLimits limits)
    {
        var errors = new ValidationErrors();
        var updates = new List<CommunityUpdate>();
        var rowNumbers = new List<int>();
        XlsxSheetReader? sheet = null;
        try
        {
            sheet = XlsxSheetReader.Open(stream, UpdatesSheet, limits);
            ReadRows(sheet, limits, updates, rowNumbers, errors);
        }
        catch (WorkbookLimitException ex)
        {
            // Nothing is taken from a workbook beyond a limit: its one problem is the limit.
            updates.Clear();
            rowNumbers.Clear();
            errors = new ValidationErrors();
            var inRow = ex.Code is ReportProblemCodes.CellTooLong or ReportProblemCodes.TooManyColumns && sheet?.CurrentRow is not null;
            errors.Add(inRow ? $"rows[{sheet!.CurrentRow}]" : "file", ex.Code, [.. ex.Arguments]);
        }
#pragma warning disable CA1031 // Any failure to read the file is the user's file being unreadable, reported as such.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            updates.Clear();
            rowNumbers.Clear();
            errors = new ValidationErrors();
            errors.Add("file", ReportProblemCodes.UnreadableWorkbook, ex.Message);
        }
        finally
        {
            sheet?.Dispose();
        }
        return new WorkbookContent(updates, rowNumbers, errors);
    }

    /// <summary>The first row is the header: it names the columns; every later row with something to report is an update.</summary>
    private static void ReadRows(XlsxSheetReader sheet, WorkbookLimits limits, List<CommunityUpdate> updates, List<int> rowNumbers, ValidationErrors errors)
    {
        if (sheet.ReadRow() is not { } header)
        {
            errors.Add("file", ReportProblemCodes.NothingToReport);
            return;
        }
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (column, value) in header.Cells.OrderBy(c => c.Key))
        {
            if (!IsBlank(value))
            {
                columns.TryAdd(Convert.ToString(value, CultureInfo.InvariantCulture)!.Trim(), column);
            }
        }
        if (!columns.ContainsKey(CodeColumn))
        {
            errors.Add("file", ReportProblemCodes.NoCodeColumn, CodeColumn);
            return;
        }
        while (sheet.ReadRow() is { } row)
        {
            var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (name, column) in columns)
            {
                cells[name] = row.Cells.TryGetValue(column, out var value) ? value : null;
            }
            if (ReadRow(cells, $"rows[{row.Number}]", errors) is { } update)
            {
                updates.Add(update);
                rowNumbers.Add(row.Number);
            }
            if (errors.Problems.Count >= limits.MaxProblems)
            {
                errors.Add("file", ReportProblemCodes.TooManyProblems, limits.MaxProblems);
                return;
            }
        }
        if (updates.Count == 0 && errors.IsEmpty)
        {
            errors.Add("file", ReportProblemCodes.NothingToReport);
        }
    }

    /// <summary>A row as the shared reader's fields; only a cell's Excel forms (date cells, serial days, 2022/6/30) are read here.</summary>
    private static CommunityUpdate? ReadRow(Dictionary<string, object?> row, string path, ValidationErrors errors)
    {
        var stage = Text(row, StageColumn);
        var effective = row.TryGetValue(EffectiveColumn, out var e) ? e : null;
        var criteria = GreenCommunityStandard.Criteria
            .Select(c => new KeyValuePair<string, object?>(c.Number.ToString(CultureInfo.InvariantCulture), row.TryGetValue(CriterionColumn(c.Number), out var v) ? v : null))
            .Where(c => !IsBlank(c.Value))
            .ToList();
        if (stage is null && IsBlank(effective) && criteria.Count == 0)
        {
            return null;   // a listed community with nothing to report
        }
        var fields = new UpdateFields(Text(row, CodeColumn), stage, IsBlank(effective) ? null : ReadDay(effective) ?? effective, criteria);
        return CommunityUpdateReader.Read(fields, path, errors);
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

    /// <summary>Turns the intake's "updates[3].stage" into the sheet's "rows[5].stage".</summary>
    public static ValidationErrors ToRowErrors(ValidationErrors errors, IReadOnlyList<int> rowNumbers)
    {
        var rows = new ValidationErrors();
        rows.AddRange(errors.Problems.Select(p => p.At(UpdateIndex().Replace(p.Path, m => $"rows[{rowNumbers[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]}]"))));
        return rows;
    }

    [GeneratedRegex(@"^updates\[([0-9]+)\]")]
    private static partial Regex UpdateIndex();
}

/// <summary>What a filled template holds: the updates in sheet order, each one's row number, and the problems.</summary>
public sealed record WorkbookContent(IReadOnlyList<CommunityUpdate> Updates, IReadOnlyList<int> RowNumbers, ValidationErrors Errors);
