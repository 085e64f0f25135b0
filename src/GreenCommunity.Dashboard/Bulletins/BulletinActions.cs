using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Actions;
using GreenCommunity.Data.Actions;
using GreenCommunity.Data.Bulletins;
using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Bulletins;

/// <summary>A draft as asked for: the month's text and the remarks, with the problems already found reading them.</summary>
public sealed record BulletinDraftCommand(string? Month, string Remarks, ValidationErrors Problems);

/// <summary>New remarks for a draft, with the problems already found reading them.</summary>
public sealed record BulletinRemarksCommand(string Remarks, ValidationErrors Problems);

/// <summary>
/// The province's three writes on bulletins, for the API and the pages alike: each through <see cref="ActionIntake"/>
/// (one transaction with its audit row and its idempotency key), the right and the state checked inside it. A bulletin
/// published is announced to every open page.
/// </summary>
public sealed class BulletinActions(ActionIntake intake, BulletinFiguresSource figures, BulletinNotices notices, TimeProvider clock)
{
    public const string DraftAction = "bulletin.draft";
    public const string RemarksAction = "bulletin.remarks";
    public const string PublishAction = "bulletin.publish";

    public const int MaxRemarksLength = 4000;

    public const string ApiPath = "/api/v1/bulletins";

    private Campaign Campaign => figures.Campaign;

    public Task<ActionResult> DraftAsync(Actor actor, SubmitterScope? scope, IdempotencyClaim? claim, BulletinDraftCommand command, CancellationToken cancellationToken) =>
        intake.RunAsync(DraftAction, actor, claim, async (connection, transaction, ct) =>
        {
            if (Refusal(scope) is { } refused)
            {
                return refused;
            }
            var errors = command.Problems;
            var month = command.Month is { } text && !Has(errors, "month") ? BulletinMonth.Check(text, "month", Campaign, figures.Today, errors) : null;
            if (!errors.IsEmpty || month is null)
            {
                return ActionResult.Invalid(errors);
            }
            var now = Now();
            var draft = new BulletinRecord(Guid.CreateVersion7(now).ToString("N"), month.Value.ToString(), BulletinRecord.Draft, command.Remarks,
                null, null, null, now, actor.Name, null, null);
            await BulletinStore.InsertDraftAsync(connection, transaction, draft, ct);
            return ActionResult.Created($"{ApiPath}/{draft.BulletinId}", BulletinJson.Serialize(BulletinResource.Of(draft)), draft.BulletinId, $"draft for {draft.Month}");
        }, cancellationToken);

    public Task<ActionResult> EditRemarksAsync(Actor actor, SubmitterScope? scope, IdempotencyClaim? claim, string bulletinId, BulletinRemarksCommand command, CancellationToken cancellationToken) =>
        intake.RunAsync(RemarksAction, actor, claim, async (connection, transaction, ct) =>
        {
            if (Refusal(scope) is { } refused)
            {
                return refused;
            }
            if (!command.Problems.IsEmpty)
            {
                return ActionResult.Invalid(command.Problems, bulletinId);
            }
            if (await BulletinStore.GetAsync(connection, transaction, bulletinId, ct) is not { } bulletin)
            {
                return ActionResult.NotFound($"No bulletin {bulletinId}.");
            }
            if (bulletin.IsPublished)
            {
                return ActionResult.Conflict($"Bulletin {bulletinId} is published ({BulletinResource.TextOf(bulletin)}): a published bulletin cannot change.", bulletinId);
            }
            await BulletinStore.SetRemarksAsync(connection, transaction, bulletinId, command.Remarks, ct);
            var edited = bulletin with { Remarks = command.Remarks };
            return ActionResult.Ok(BulletinJson.Serialize(BulletinResource.Of(edited)), bulletinId, $"remarks of the draft for {bulletin.Month}");
        }, cancellationToken);

    /// <summary>Freezes the month's figures as they are now into the bulletin and gives it the next number of this year.</summary>
    public async Task<ActionResult> PublishAsync(Actor actor, SubmitterScope? scope, IdempotencyClaim? claim, string bulletinId, CancellationToken cancellationToken)
    {
        BulletinRecord? published = null;
        var result = await intake.RunAsync(PublishAction, actor, claim, async (connection, transaction, ct) =>
        {
            if (Refusal(scope) is { } refused)
            {
                return refused;
            }
            if (await BulletinStore.GetAsync(connection, transaction, bulletinId, ct) is not { } bulletin)
            {
                return ActionResult.NotFound($"No bulletin {bulletinId}.");
            }
            if (bulletin.IsPublished)
            {
                return ActionResult.Conflict($"Bulletin {bulletinId} is already published ({BulletinResource.TextOf(bulletin)}).", bulletinId);
            }
            ReportPeriod.TryParse(bulletin.Month, monthly: true, out var month);
            // Read while this transaction holds the write lock: no report can land between these figures and the number.
            var content = BulletinJson.Serialize(await figures.ComputeAsync(month, ct));
            var now = Now();
            var year = ChinaTime.DateAt(now).Year;
            var number = await BulletinStore.PublishAsync(connection, transaction, bulletinId, year, content, now, actor.Name, ct);
            published = bulletin with { Status = BulletinRecord.Published, NumberYear = year, Number = number, Content = content, PublishedAt = now, PublishedBy = actor.Name };
            return ActionResult.Ok(BulletinJson.Serialize(BulletinResource.Of(published)), bulletinId, $"published {BulletinResource.TextOf(published)} for {bulletin.Month}");
        }, cancellationToken);
        if (result.Kind == ActionResultKind.Done && published is { NumberYear: { } y, Number: { } n })
        {
            notices.Announce(new BulletinNotice(published.BulletinId, published.Month, (int)y, (int)n));
        }
        return result;
    }

    /// <summary>Only the province (the administrator's account or the province's token) writes bulletins.</summary>
    private static ActionResult? Refusal(SubmitterScope? scope) =>
        scope is { IsProvince: true } ? null : ActionResult.Forbidden("$", ReportProblemCodes.ProvinceOnly);

    private static bool Has(ValidationErrors errors, string path) => errors.Problems.Any(p => p.Path == path);

    /// <summary>To the millisecond, as the store keeps instants, so that an answer reads the same when replayed.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
