using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Actions;

/// <summary>The body of a write: runs inside the write's transaction and says what it did; anything but done is rolled back.</summary>
public delegate Task<ActionResult> ActionWrite(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

/// <summary>
/// The one write path for everything that is not a report (acceptance requests, inspections, annual submissions,
/// bulletins, demonstration bases). In one short transaction it answers a repeated Idempotency-Key with the first
/// answer, checks again that the sender's account or token may still write, runs the write, and stores its audit row
/// and its key with it: a write acknowledged survives a crash, a write refused leaves nothing.
/// </summary>
public sealed class ActionWriter(StoreDatabase database) : IDisposable
{
    // SQLite has one writer at a time; queueing here avoids busy-waiting on the file lock.
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public async Task<ActionResult> WriteAsync(ActionReceipt receipt, ActionWrite write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            if (receipt.Claim is { } claim && await FindAsync(connection, transaction, claim, cancellationToken).ConfigureAwait(false) is { } earlier)
            {
                return earlier.RequestHash == claim.RequestHash
                    ? ActionResult.Replay((int)earlier.Status, earlier.Location, earlier.Response)
                    : ActionResult.KeyReused();
            }
            if (receipt.Sender is { } sender && !await sender.MayWriteAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
            {
                return ActionResult.Forbidden("sender", ReportProblemCodes.SenderRevoked);
            }
            var result = await write(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (!result.IsWritten)
            {
                return result;   // disposing the transaction leaves the store as it was
            }
            await connection.ExecuteAsync(new CommandDefinition(AuditSql, new
            {
                At = receipt.At.ToUniversalTime(),
                receipt.Actor,
                receipt.Address,
                receipt.Action,
                result.Target,
                result.Detail,
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (receipt.Claim is { } newClaim)
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertKeySql, new
                {
                    newClaim.Client,
                    newClaim.Key,
                    receipt.Action,
                    newClaim.RequestHash,
                    result.Status,
                    result.Location,
                    result.Response,
                    CreatedAt = receipt.At.ToUniversalTime(),
                }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private const string AuditSql =
        """
        INSERT INTO audit_log (at, actor, address, action, target, outcome, detail)
        VALUES (@At, @Actor, @Address, @Action, @Target, 'allowed', @Detail)
        """;

    private const string FindKeySql =
        """
        SELECT request_hash AS RequestHash, status AS Status, location AS Location, response AS Response
        FROM action_keys WHERE client = @Client AND key = @Key
        """;

    private const string InsertKeySql =
        """
        INSERT INTO action_keys (client, key, action, request_hash, status, location, response, created_at)
        VALUES (@Client, @Key, @Action, @RequestHash, @Status, @Location, @Response, @CreatedAt)
        """;

    private static Task<EarlierAnswer?> FindAsync(DbConnection connection, DbTransaction transaction, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<EarlierAnswer>(new CommandDefinition(FindKeySql, new { claim.Client, claim.Key }, transaction, cancellationToken: cancellationToken));

    public void Dispose() => _writeLock.Dispose();

    private sealed record EarlierAnswer(string RequestHash, long Status, string? Location, string Response);
}
