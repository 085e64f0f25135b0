using GreenCommunity.Dashboard.Compliance;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Data.Bulletins;
using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Dashboard.Bulletins;

/// <summary>
/// A month's figures now: the shared snapshot and compliance grid of the bulletin's day (cached for every page, and
/// dropped when a late report changes that day) and the findings open on it.
/// </summary>
public sealed class BulletinFiguresSource(LiveProgress live, ComplianceBoards boards, OpenFindingQueries findings, Campaign campaign)
{
    public DateOnly Today => live.Today;

    public Campaign Campaign => campaign;

    public async Task<BulletinFigures> ComputeAsync(ReportPeriod month, CancellationToken cancellationToken)
    {
        var today = live.Today;
        var asOf = BulletinMonth.AsOf(month, today);
        var snapshot = await live.GetAsync(asOf, cancellationToken);
        var compliance = await boards.GetAsync(asOf, cancellationToken);
        var open = await findings.OpenOnAsync(asOf, cancellationToken);
        return BulletinFiguresBuilder.Build(campaign, month, asOf, monthOver: asOf < today, snapshot.Province, snapshot.Judged, compliance.Board, open);
    }
}
