using System.Globalization;
using GreenCommunity.Data.Bulletins;

namespace GreenCommunity.Dashboard.Bulletins;

/// <summary>A bulletin as the API sends it; <see cref="Figures"/> only when one bulletin is asked for.</summary>
/// <param name="NumberText">"2026年第3期" once published.</param>
public sealed record BulletinResource(
    string BulletinId,
    string Month,
    string Status,
    string Remarks,
    int? Year,
    int? Number,
    string? NumberText,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? PublishedAt,
    string? PublishedBy,
    BulletinFigures? Figures)
{
    public static BulletinResource Of(BulletinRecord record, BulletinFigures? figures = null) =>
        new(record.BulletinId, record.Month, record.Status, record.Remarks, (int?)record.NumberYear, (int?)record.Number,
            TextOf(record), record.CreatedAt, record.CreatedBy, record.PublishedAt, record.PublishedBy, figures);

    /// <summary>The number as the bulletin carries it, in Chinese whatever the reader's language: "2026年第3期".</summary>
    public static string? TextOf(BulletinRecord record) =>
        record is { NumberYear: { } year, Number: { } number } ? string.Create(CultureInfo.InvariantCulture, $"{year}年第{number}期") : null;
}
