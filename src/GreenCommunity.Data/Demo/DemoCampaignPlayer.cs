using Dapper;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Data.Demo;

/// <summary>Plays the planned demo history through <see cref="ReportWriter"/>, the same path every report takes.</summary>
public sealed class DemoCampaignPlayer(StoreDatabase database, ReportWriter writer, Campaign campaign, TimeProvider clock)
{
    private const string LocalitiesSql =
        """
        SELECT r.code AS Code, r.name AS Name, c.code AS Community
          FROM regions r JOIN communities c ON c.locality_code = r.code
         WHERE r.level = 2
         ORDER BY r.code, c.code
        """;

    /// <summary>Sends every planned report that has arrived by now, in receipt order; reports progress as (sent, total).</summary>
    public async Task<int> PlayAsync(int seed, IProgress<(int Sent, int Total)>? progress, CancellationToken cancellationToken)
    {
        var plan = DemoCampaignPlan.Create(await ReadLocalitiesAsync(cancellationToken).ConfigureAwait(false), campaign, seed, clock.GetUtcNow());
        for (var i = 0; i < plan.Count; i++)
        {
            var planned = plan[i];
            var outcome = await writer.SubmitAsync(planned.Report, new ReportReceipt(planned.Scope, planned.ReceivedAt, ReportId: planned.ReportId), cancellationToken).ConfigureAwait(false);
            if (!outcome.IsStored)
            {
                var reasons = string.Join("; ", outcome.Errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
                throw new InvalidOperationException($"The demo report for {planned.Report.Locality} {planned.Report.Period} was refused: {reasons}");
            }
            progress?.Report((i + 1, plan.Count));
        }
        await DemoDemonstration.SeedAsync(database, cancellationToken).ConfigureAwait(false);
        return plan.Count;
    }

    private async Task<IReadOnlyList<DemoLocality>> ReadLocalitiesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<LocalityCommunityRow>(new CommandDefinition(LocalitiesSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.GroupBy(r => (r.Code, r.Name))
            .Select(g => new DemoLocality(g.Key.Code, g.Key.Name, g.Select(r => r.Community).ToList()))
            .ToList();
    }

    private sealed record LocalityCommunityRow(string Code, string Name, string Community);
}
