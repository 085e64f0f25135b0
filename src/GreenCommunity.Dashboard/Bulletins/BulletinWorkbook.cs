using GreenCommunity.Dashboard.Exports;
using GreenCommunity.Data.Bulletins;
using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Dashboard.Bulletins;

/// <summary>
/// A bulletin as the province's file: one sheet read top to bottom like the document, each section a heading row, a
/// row of its column names and its rows, then a blank row; the remarks last. Chinese whatever the reader's language.
/// </summary>
public static class BulletinWorkbook
{
    public static byte[] Create(BulletinRecord record, BulletinFigures figures, string provinceName)
    {
        var t = BulletinTexts.Chinese;
        var title = $"{t.Title(provinceName)} {t.Number(record)} · {t.Format(nameof(Resources.Bulletins.MonthLine), figures.Month, IsoDay.Text(figures.AsOf))}";
        var sections = Sections(t, record, figures).ToList();
        var width = sections.Max(s => s.Count == 0 ? 1 : s.Max(r => r.Count));
        // The first section's heading takes the headers' row (frozen with the title); its own rows follow.
        var headers = Pad([sections[0][0][0]], width);
        var rows = sections.SelectMany((section, i) => (i == 0 ? section.Skip(1) : section).Append([]));
        return TableWorkbook.Create(t[nameof(Resources.Bulletins.ExportSheet)], title, [.. headers.Select(h => h?.ToString() ?? "")], rows);
    }

    private static IEnumerable<List<IReadOnlyList<object?>>> Sections(BulletinTexts t, BulletinRecord record, BulletinFigures figures)
    {
        var ranking = new List<IReadOnlyList<object?>> { Row(t[nameof(Resources.Bulletins.SectionRanking)]) };
        if (figures.Target is { } target)
        {
            ranking.Add([t.Format(nameof(Resources.Bulletins.RankingCaption), target.Milestone.Name, IsoDay.Text(target.Due))]);
        }
        ranking.Add([t[nameof(Resources.Bulletins.ColumnRank)], t[nameof(Resources.Bulletins.ColumnLocality)], t[nameof(Resources.Bulletins.ColumnCommunities)],
            t[nameof(Resources.Bulletins.ColumnStarted)], t[nameof(Resources.Bulletins.ColumnAccepted)], t[nameof(Resources.Bulletins.ColumnPilots)],
            t[nameof(Resources.Bulletins.ColumnStartedRate)], t[nameof(Resources.Bulletins.ColumnAcceptedRate)], t[nameof(Resources.Bulletins.ColumnDistance)],
            t[nameof(Resources.Bulletins.ColumnGap)]]);
        ranking.AddRange(figures.Ranking.Select(r => (IReadOnlyList<object?>)[r.Rank, r.Locality.Name, r.Communities, r.Started, r.Accepted, r.Pilots,
            t.Percent(r.StartedRate), t.Percent(r.AcceptedRate), t.Distance(r.Distance), r.Gap]));
        yield return ranking;

        var milestones = new List<IReadOnlyList<object?>>
        {
            Row(t[nameof(Resources.Bulletins.SectionMilestones)]),
            Row([t[nameof(Resources.Bulletins.ColumnLocality)], .. figures.Milestones.Select(m => (object?)$"{m.Milestone.Name}（{IsoDay.Text(m.Due)}）")]),
        };
        var localities = figures.Milestones.Count > 0 ? figures.Milestones[0].Localities : [];
        for (var i = 0; i < localities.Count; i++)
        {
            var row = i;
            milestones.Add([localities[row].Locality.Name, .. figures.Milestones.Select(m => (object?)$"{t.Verdict(m, m.Localities[row])}（{t.Measure(m, m.Localities[row])}）")]);
        }
        milestones.AddRange(figures.Milestones.Select(m => (IReadOnlyList<object?>)[m.Milestone.Name, t.MilestoneSummary(m)]));
        yield return milestones;

        var reporting = new List<IReadOnlyList<object?>>
        {
            Row(t[nameof(Resources.Bulletins.SectionReporting)]),
            Row(t[nameof(Resources.Bulletins.ColumnLocality)], t[nameof(Resources.Bulletins.ColumnReport)], t[nameof(Resources.Bulletins.ColumnDueDay)],
                t[nameof(Resources.Bulletins.ColumnState)], t[nameof(Resources.Bulletins.ColumnReceived)]),
        };
        reporting.AddRange(figures.Reporting.Select(l => (IReadOnlyList<object?>)[l.Locality.Name, t.Report(l), l.DueDay, t.State(l), l.ReceivedAt?.ToOffset(ChinaTime.Offset)]));
        if (figures.Reporting.Count == 0)
        {
            reporting.Add([t[nameof(Resources.Bulletins.NoLapses)]]);
        }
        yield return reporting;

        var findings = new List<IReadOnlyList<object?>>
        {
            Row(t[nameof(Resources.Bulletins.SectionFindings)]),
            Row(t[nameof(Resources.Bulletins.ColumnLocality)], t[nameof(Resources.Bulletins.ColumnCommunity)], t[nameof(Resources.Bulletins.ColumnInspection)],
                t[nameof(Resources.Bulletins.ColumnVisited)], t[nameof(Resources.Bulletins.ColumnCriterion)], t[nameof(Resources.Bulletins.ColumnNote)],
                t[nameof(Resources.Bulletins.ColumnRectifyBy)]),
        };
        findings.AddRange(figures.Findings.Select(f => (IReadOnlyList<object?>)[f.Locality.Name, $"{f.CommunityName}（{f.Community}）", f.Inspection, f.VisitedOn,
            t.Criterion(f.Criterion), f.Note, f.RectifyBy]));
        if (figures.Findings.Count == 0)
        {
            findings.Add([t[nameof(Resources.Bulletins.NoFindings)]]);
        }
        yield return findings;

        yield return
        [
            Row(t[nameof(Resources.Bulletins.SectionRemarks)]),
            Row(record.Remarks.Length == 0 ? t[nameof(Resources.Bulletins.NoRemarks)] : record.Remarks),
        ];
    }

    private static IReadOnlyList<object?> Row(params object?[] values) => values;

    private static object?[] Pad(object?[] values, int width) => [.. values, .. Enumerable.Repeat<object?>(null, Math.Max(0, width - values.Length))];
}
