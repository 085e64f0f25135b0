using GreenCommunity.Dashboard.Exports;
using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Dashboard.Compliance;

/// <summary>The compliance grid as the province's file: one sheet, a title row naming the region and the day, Chinese headers.</summary>
public static class ComplianceWorkbook
{
    public static byte[] Create(ComplianceSnapshot snapshot, string provinceName)
    {
        var texts = ComplianceTexts.Chinese;
        var columns = ComplianceColumns.Of(snapshot.Board);
        var title = texts.Format(nameof(Resources.Reporting.ExportTitle), provinceName, IsoDay.Text(snapshot.Day));
        string[] headers =
        [
            texts[nameof(Resources.Reporting.ExportCode)],
            texts[nameof(Resources.Reporting.ColumnLocality)],
            .. columns.Select(texts.Duty),   // the file has no group row: each header names its report alone
        ];
        var rows = snapshot.Board.Localities.Select(row => (IReadOnlyList<object?>)
        [
            row.Locality,
            snapshot.Locality(row.Locality)?.Name ?? row.Locality,
            .. columns.Select(d => (object?)texts.Cell(row[d])),
        ]);
        return TableWorkbook.Create(texts[nameof(Resources.Reporting.ExportSheet)], title, headers, rows);
    }
}
