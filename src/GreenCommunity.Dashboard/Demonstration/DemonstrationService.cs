using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Actions;
using GreenCommunity.Dashboard.Contracts;
using GreenCommunity.Data.Actions;
using GreenCommunity.Data.Demonstration;
using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Demonstration;

/// <summary>
/// The three writes of demonstration bases and practices, for the API and the page alike: who may (the province
/// designates and withdraws; a locality adds practices for itself, the province for any), then the shared write path
/// (<see cref="ActionIntake"/>: idempotency, audit, one transaction). After a base changes, the map's layer is counted again.
/// </summary>
public sealed class DemonstrationService(ActionIntake intake, DemonstrationLayer layer, TimeProvider clock)
{
    public const string DesignateAction = "demonstration.designate";
    public const string WithdrawAction = "demonstration.withdraw";
    public const string PracticeAction = "practice.add";

    /// <param name="problems">What the request's own reading found (its shape); the write adds what needs the store.</param>
    public async Task<ActionResult> DesignateAsync(SubmitterScope? scope, Actor actor, IdempotencyClaim? claim, BaseDesignation designation,
        ValidationErrors problems, CancellationToken cancellationToken)
    {
        var write = scope is { IsProvince: true }
            ? DemonstrationWrites.Designate(designation, problems, Stamp(actor), DemonstrationJson.Base)
            : Refuse(ActionResult.Forbidden("community", ReportProblemCodes.DesignatedByProvinceOnly));
        return await RunAsync(DesignateAction, actor, claim, write, changesBases: true, cancellationToken);
    }

    public async Task<ActionResult> WithdrawAsync(SubmitterScope? scope, Actor actor, IdempotencyClaim? claim, BaseWithdrawal withdrawal,
        ValidationErrors problems, CancellationToken cancellationToken)
    {
        var write = scope is { IsProvince: true }
            ? DemonstrationWrites.Withdraw(withdrawal, problems, Stamp(actor), DemonstrationJson.Base)
            : Refuse(ActionResult.Forbidden("community", ReportProblemCodes.DesignatedByProvinceOnly));
        return await RunAsync(WithdrawAction, actor, claim, write, changesBases: true, cancellationToken);
    }

    public async Task<ActionResult> AddPracticeAsync(SubmitterScope? scope, Actor actor, IdempotencyClaim? claim, PracticeEntry entry,
        ValidationErrors problems, CancellationToken cancellationToken)
    {
        ActionWrite write;
        if (scope is null)
        {
            write = Refuse(ActionResult.Forbidden("locality", ReportProblemCodes.OutsideScope, "-", entry.Locality ?? "-"));
        }
        else if (entry.Locality is { } locality && !scope.Covers(locality))
        {
            write = Refuse(ActionResult.Forbidden("locality", ReportProblemCodes.OutsideScope, scope.LocalityCode!, locality));
        }
        else
        {
            write = DemonstrationWrites.AddPractice(entry, problems, Stamp(actor), DemonstrationJson.Practice);
        }
        return await RunAsync(PracticeAction, actor, claim, write, changesBases: false, cancellationToken);
    }

    private async Task<ActionResult> RunAsync(string action, Actor actor, IdempotencyClaim? claim, ActionWrite write, bool changesBases, CancellationToken cancellationToken)
    {
        var result = await intake.RunAsync(action, actor, claim, write, cancellationToken);
        if (result.IsWritten && changesBases)
        {
            layer.Invalidate();
        }
        return result;
    }

    /// <summary>A refusal that needs no store, still taken through the intake so that the attempt is audited like any other.</summary>
    private static ActionWrite Refuse(ActionResult refusal) => (_, _, _) => Task.FromResult(refusal);

    private DemonstrationStamp Stamp(Actor actor)
    {
        var now = clock.GetUtcNow();
        return new DemonstrationStamp(actor.Name, now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond)));
    }
}
