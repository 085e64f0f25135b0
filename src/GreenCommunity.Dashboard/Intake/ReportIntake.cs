using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Data.Audit;
using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Intake;

/// <summary>
/// Takes a report from any door (the API, the submit page, the Excel upload, the demo feed): guards the
/// idempotency key while it is in flight, stores it through <see cref="ReportWriter"/> (which keeps the Domain's
/// <see cref="ReportRules"/>), audits the attempt, and after the commit tells every open screen.
/// </summary>
public sealed class ReportIntake(ReportWriter writer, ProgressNotifier notifier, AuditRecorder audit, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string Client, string Key), byte> _inFlight = new();

    /// <summary>Requests with an idempotency key still being processed.</summary>
    public int InFlightCount => _inFlight.Count;

    /// <summary>Parses a JSON body as the API receives it, then submits it.</summary>
    public async Task<IntakeResult> SubmitJsonAsync(ReadOnlyMemory<byte> body, SubmitterScope scope, string client, string? idempotencyKey, Actor actor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var report = ReportRequestParser.Parse(body.Span, errors);
        if (report is null)
        {
            var invalid = new IntakeResult(IntakeStatus.Invalid, null, errors);
            await AuditAsync(actor, null, invalid, cancellationToken);
            return invalid;
        }
        var claim = idempotencyKey is null ? null
            : new IdempotencyClaim(client, idempotencyKey, Convert.ToHexStringLower(SHA256.HashData(body.Span)));
        return await SubmitAsync(report, scope, claim, Encoding.UTF8.GetString(body.Span), actor, cancellationToken);
    }

    /// <summary>A claim for a report built in the app (form or upload): hashed over its canonical JSON.</summary>
    public static IdempotencyClaim ClaimFor(string client, string key, ReportSubmission report) =>
        new(client, key, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ReportJson.Serialize(report)))));

    /// <summary>Submits a report and records the attempt, allowed or refused, in the audit log.</summary>
    public async Task<IntakeResult> SubmitAsync(ReportSubmission report, SubmitterScope scope, IdempotencyClaim? claim, string? body, Actor actor, CancellationToken cancellationToken)
    {
        var result = await SubmitCoreAsync(report, scope, claim, body, actor, cancellationToken);
        if (result.Status != IntakeStatus.Stored)
        {
            await AuditAsync(actor, report.Locality, result, cancellationToken);
        }
        else   // its audit row was written with it: only logged here
        {
            audit.Logged(actor, "report.submit", $"{report.Locality} {result.Report!.ReportId}", AuditOutcome.Allowed, $"{result.Report.Applied} communities changed");
        }
        return result;
    }

    private Task AuditAsync(Actor actor, string? locality, IntakeResult result, CancellationToken cancellationToken)
    {
        var allowed = result.Status is IntakeStatus.Stored or IntakeStatus.Replayed;
        var target = result.Report is { } stored ? $"{locality} {stored.ReportId}" : locality;
        var detail = result.Status switch
        {
            IntakeStatus.Replayed => "same Idempotency-Key: first answer replayed",
            IntakeStatus.Forbidden => string.Join(" ", result.Errors.Problems.Select(p => p.EnglishText)),
            IntakeStatus.Invalid => $"{result.Errors.Count} problems: {string.Join(", ", result.Errors.ToDictionary().Keys.Take(5))}",
            _ => result.Status.ToString(),
        };
        return audit.RecordAsync(actor, "report.submit", target, allowed ? AuditOutcome.Allowed : AuditOutcome.Refused, detail, CancellationToken.None);
    }

    private async Task<IntakeResult> SubmitCoreAsync(ReportSubmission report, SubmitterScope scope, IdempotencyClaim? claim, string? body, Actor actor, CancellationToken cancellationToken)
    {
        if (claim is not null && !_inFlight.TryAdd((claim.Client, claim.Key), 0))
        {
            return new IntakeResult(IntakeStatus.KeyInFlight, null, new ValidationErrors());
        }
        try
        {
            // Stored to the millisecond, so a replayed acknowledgement is the same to the letter as the first.
            var now = clock.GetUtcNow();
            var receivedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
            // The sender's account or token is checked again in the transaction that writes: it may be disabled while the report is validated.
            var receipt = new ReportReceipt(scope, receivedAt, body, Idempotency: claim, AuditActor: actor.Name, AuditAddress: actor.Address,
                Sender: SubmittingAccount.FromActor(actor.Name));
            var outcome = await writer.SubmitAsync(report, receipt, cancellationToken);
            switch (outcome.Kind)
            {
                case ReportOutcomeKind.Stored:
                    notifier.Publish(Notice(outcome.Stored!, report));
                    return new IntakeResult(IntakeStatus.Stored, outcome.Stored, outcome.Errors);
                case ReportOutcomeKind.Replayed:
                    return new IntakeResult(IntakeStatus.Replayed, outcome.Stored, outcome.Errors);
                case ReportOutcomeKind.KeyReused:
                    return new IntakeResult(IntakeStatus.KeyReused, null, outcome.Errors);
                case ReportOutcomeKind.Forbidden:
                    return new IntakeResult(IntakeStatus.Forbidden, null, outcome.Errors);
                default:
                    return new IntakeResult(IntakeStatus.Invalid, null, outcome.Errors);
            }
        }
        finally
        {
            if (claim is not null)
            {
                _inFlight.TryRemove((claim.Client, claim.Key), out _);
            }
        }
    }

    /// <summary>What every screen is told of a committed report.</summary>
    public static ReportNotice Notice(StoredReport stored, ReportSubmission report) => new(
        stored.ReportId, stored.Locality, stored.Kind, stored.Period, stored.OnTime, stored.ReceivedAt, stored.Applied, stored.ByProvince,
        report.Updates.Select(u => u.Community[..6]).Distinct(StringComparer.Ordinal).ToList(),
        report.Updates.Count == 0 ? null : report.Updates.Min(u => u.Effective));
}
