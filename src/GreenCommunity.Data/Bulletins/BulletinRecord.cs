namespace GreenCommunity.Data.Bulletins;

/// <summary>A bulletin as stored: a draft (no number, no content) or a published one with its frozen figures.</summary>
/// <param name="Month">YYYY-MM: the month its figures are for.</param>
/// <param name="NumberYear">The year it was published in; with <paramref name="Number"/>, "2026年第3期".</param>
/// <param name="Content">The figures as JSON, frozen at publishing; null for a draft.</param>
public sealed record BulletinRecord(
    string BulletinId,
    string Month,
    string Status,
    string Remarks,
    long? NumberYear,
    long? Number,
    string? Content,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? PublishedAt,
    string? PublishedBy)
{
    public const string Draft = "draft";
    public const string Published = "published";

    public bool IsPublished => Status == Published;
}
