using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Data.Actions;
using GreenCommunity.Data.Audit;
using GreenCommunity.Data.Reports;

namespace GreenCommunity.Dashboard.Actions;

/// <summary>
/// Takes a write that is not a report from the API or a page: guards its idempotency key while it is in flight, runs
/// it through <see cref="ActionWriter"/> (one transaction with its audit row and its key), and records a refused
/// attempt in the audit log. Announcing what was written (live push, notices) is the caller's, after a done result.
/// </summary>
public sealed class ActionIntake(ActionWriter writer, AuditRecorder audit, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string Client, string Key), byte> _inFlight = new();

    /// <summary>A claim for a request: hashed over the action's name and the body, so one key cannot serve two actions.</summary>
    public static IdempotencyClaim ClaimFor(string client, string key, string action, ReadOnlySpan<byte> body)
    {
        var named = new byte[Encoding.UTF8.GetByteCount(action) + 1 + body.Length];
        var length = Encoding.UTF8.GetBytes(action, named);
        named[length] = (byte)'\n';
        body.CopyTo(named.AsSpan(length + 1));
        return new IdempotencyClaim(client, key, Convert.ToHexStringLower(SHA256.HashData(named)));
    }

    /// <summary>A claim for a request built in the app (a page's form): hashed over its canonical JSON.</summary>
    public static IdempotencyClaim ClaimFor(string client, string key, string action, string canonicalJson) =>
        ClaimFor(client, key, action, Encoding.UTF8.GetBytes(canonicalJson));

    public async Task<ActionResult> RunAsync(string action, Actor actor, IdempotencyClaim? claim, ActionWrite write, CancellationToken cancellationToken)
    {
        if (claim is not null && !_inFlight.TryAdd((claim.Client, claim.Key), 0))
        {
            var inFlight = ActionResult.Conflict("A request with this Idempotency-Key is still being processed; retry later.");
            await audit.RecordAsync(actor, action, null, AuditOutcome.Refused, inFlight.Detail, CancellationToken.None);
            return inFlight;
        }
        try
        {
            // Stored to the millisecond, so that an answer built from it reads the same when replayed.
            var now = clock.GetUtcNow();
            var at = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
            var receipt = new ActionReceipt(action, actor.Name, actor.Address, at, claim, SubmittingAccount.FromActor(actor.Name));
            var result = await writer.WriteAsync(receipt, write, cancellationToken);
            if (result.IsWritten)
            {
                audit.Logged(actor, action, result.Target, AuditOutcome.Allowed, result.Detail);   // its row was written with it
            }
            else
            {
                await RecordRefusedAsync(action, actor, result);
            }
            return result;
        }
        finally
        {
            if (claim is not null)
            {
                _inFlight.TryRemove((claim.Client, claim.Key), out _);
            }
        }
    }

    /// <summary>Records an attempt that wrote nothing: refused, or a replay of an earlier answer.</summary>
    public Task RecordRefusedAsync(string action, Actor actor, ActionResult result)
    {
        var outcome = result.Kind == ActionResultKind.Replayed ? AuditOutcome.Allowed : AuditOutcome.Refused;
        var detail = result.Kind switch
        {
            ActionResultKind.Invalid => $"{result.Errors.Count} problems: {string.Join(", ", result.Errors.ToDictionary().Keys.Take(5))}",
            ActionResultKind.Forbidden => string.Join(" ", result.Errors.Problems.Select(p => p.EnglishText)),
            _ => result.Detail ?? result.Kind.ToString(),
        };
        return audit.RecordAsync(actor, action, result.Target, outcome, detail, CancellationToken.None);
    }
}
