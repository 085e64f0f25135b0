using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace GreenCommunity.Dashboard.Exports;

/// <summary>
/// A table as an .xlsx file to answer the province with: a title row naming the region, the day and the filters, a row of
/// (Chinese) headers, then the rows. Every text is written as a text cell, so a name that starts with <c>=</c>, <c>+</c>,
/// <c>-</c> or <c>@</c> stays a name and never becomes a formula; numbers stay numbers so that they can be summed.
/// </summary>
public static class TableWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The title and the headers stay in view while the rows scroll (MiniExcel freezes only the first row by default).</summary>
    private const int HeaderRows = 2;

    /// <summary>The workbook's bytes: one sheet named <paramref name="sheetName"/>.</summary>
    public static byte[] Create(string sheetName, string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sheetName);
        ArgumentNullException.ThrowIfNull(headers);
        var columns = Enumerable.Range(0, Math.Max(headers.Count, 1)).Select(ColumnName).ToArray();
        using var stream = new MemoryStream();
        stream.SaveAs(Sheet(columns, title, headers, rows), printHeader: false, sheetName: SheetName(sheetName),
            configuration: new OpenXmlConfiguration { EnableAutoWidth = true, FastMode = true, FreezeRowCount = HeaderRows });
        return stream.ToArray();
    }

    private static IEnumerable<IDictionary<string, object?>> Sheet(string[] columns, string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        yield return Row(columns, [title]);
        yield return Row(columns, [.. headers]);
        foreach (var row in rows)
        {
            yield return Row(columns, row);
        }
    }

    private static Dictionary<string, object?> Row(string[] columns, IReadOnlyList<object?> values)
    {
        var row = new Dictionary<string, object?>(columns.Length, StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            row[columns[i]] = i < values.Count ? Cell(values[i]) : null;
        }
        return row;
    }

    /// <summary>Numbers as numbers; days as ISO text (a spreadsheet's own date would depend on the reader's locale); the rest as text.</summary>
    private static object? Cell(object? value) => value switch
    {
        null => null,
        int or long or double or decimal => value,
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "是" : "否",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }
        return name;
    }

    /// <summary>Excel refuses sheet names over 31 characters or with <c>[]:*?/\</c>.</summary>
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '_' : c)]);
        return clean.Length <= 31 ? clean : clean[..31];
    }
}
