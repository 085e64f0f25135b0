using GreenCommunity.Data.Bulletins;
using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Dashboard.Bulletins;

/// <summary>A bulletin with the figures it shows: a draft's computed now, a published one's as frozen.</summary>
public sealed record BulletinDocument(BulletinRecord Record, BulletinFigures Figures);

/// <summary>
/// Reads bulletins for whoever asks: everyone signed in reads the published ones; drafts are the province's, and to
/// anyone else they do not exist.
/// </summary>
public sealed class BulletinReader(BulletinStore store, BulletinFiguresSource figures, ProgressReader regions)
{
    public Task<IReadOnlyList<BulletinRecord>> ListAsync(bool province, CancellationToken cancellationToken) =>
        store.ListAsync(withDrafts: province, cancellationToken);

    public async Task<BulletinDocument?> GetAsync(string bulletinId, bool province, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(bulletinId, cancellationToken) is not { } record || !(record.IsPublished || province))
        {
            return null;
        }
        if (record.Content is { } content)
        {
            return new BulletinDocument(record, BulletinJson.ReadFigures(content));
        }
        ReportPeriod.TryParse(record.Month, monthly: true, out var month);
        return new BulletinDocument(record, await figures.ComputeAsync(month, cancellationToken));
    }

    /// <summary>The month a new draft is most likely for: the last one that is over (the current one at the campaign's start).</summary>
    public ReportPeriod LastMonth()
    {
        var last = figures.Today.AddMonths(-1);
        var start = figures.Campaign.Start;
        var month = last < start ? start : last;
        return ReportPeriod.OfMonth(month.Year, month.Month);
    }

    /// <summary>The province's name for the title: "湖北省", or "Hubei" in English.</summary>
    public async Task<string> ProvinceNameAsync(CancellationToken cancellationToken, bool english = false) =>
        (await regions.GetRegionsAsync(cancellationToken)).FirstOrDefault(r => r.IsRoot)?.DisplayName(english) ?? "";
}
