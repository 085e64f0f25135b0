using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// The one write path for reports: the API, the UI and the demo history all come through here.
/// A report is judged whole, its reads one command: in the write transaction's first command when the writer is idle,
/// else without any lock while another report is written. Then only a valid one takes the write lock, and its one
/// transaction checks again what could have changed meanwhile (the idempotency key, the sender's right, the history
/// of its communities) before it stores the report with all its updates, or nothing.
/// </summary>
public sealed class ReportWriter(StoreDatabase database, Campaign campaign, ReportWritePauses? pauses = null) : IDisposable
{
    // The store has one writer at a time; queueing here avoids busy-waiting on its lock. Held only to apply a valid report.
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    private readonly ReportWritePauses _pauses = pauses ?? ReportWritePauses.None;

    public Task<ReportOutcome> SubmitAsync(ReportSubmission report, SubmitterScope scope, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        SubmitAsync(report, new ReportReceipt(scope, receivedAt), cancellationToken);

    public async Task<ReportOutcome> SubmitAsync(ReportSubmission report, ReportReceipt receipt, CancellationToken cancellationToken)
    {
        if (ReportRules.ScopeProblems(report, receipt.Scope) is { Count: > 0 } forbidden)
        {
            return ReportOutcome.Forbidden(forbidden);
        }

        // An idle writer judges a well-formed report in its write transaction's first command: no other report waits for
        // the lock meanwhile, and the judgement's own connection and round trip are saved. A busy one judges it without
        // the lock, while another is written. A writer built with pauses (a test's) always judges without the lock,
        // where its pauses are.
        if (_pauses == ReportWritePauses.None && ReportValidation.CheckShape(report, receipt, campaign) is { IsEmpty: true } shape && _writeLock.Wait(0, CancellationToken.None))
        {
            try
            {
                return await JudgeAndWriteAsync(report, receipt, shape, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }

        ReportValidation validation;
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            // No transaction: the judgement's reads are one command that first reads where the history ends, so each later
            // statement sees at least that, and whatever is written after it is judged again in the write transaction.
            validation = await ReportValidation.RunAsync(connection, null, report, receipt, campaign, _pauses, cancellationToken).ConfigureAwait(false);
            if (receipt.Idempotency is { } claim && validation.Earlier is { } earlier)
            {
                return await AnswerAsync(connection, null, claim, earlier, cancellationToken).ConfigureAwait(false);   // its first answer, whatever this body holds
            }
        }
        if (!validation.Errors.IsEmpty)
        {
            return ReportOutcome.Rejected(validation.Errors);
        }
        var rows = ReportRows.From(report, receipt.Body);
        await _pauses.Validated(report, cancellationToken).ConfigureAwait(false);

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await WriteAsync(report, receipt, validation, rows, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Applies a report found valid: what could have changed since its validation is checked first, in the same transaction.</summary>
    private async Task<ReportOutcome> WriteAsync(ReportSubmission report, ReportReceipt receipt, ReportValidation validation, ReportRows rows, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteLockedByCallerAsync(connection, cancellationToken).ConfigureAwait(false);

        var start = await WriteStart.ReadAsync(connection, transaction, database.WriteLockStatement, receipt.Idempotency, receipt.Sender, rows, cancellationToken)
            .ConfigureAwait(false);
        if (receipt.Idempotency is { } claim && start is { ClaimHash: { } hash, ClaimReport: { } earlier })
        {
            return await AnswerAsync(connection, transaction, claim, new EarlierClaim(hash, earlier), cancellationToken).ConfigureAwait(false);
        }
        return await StoreAsync(connection, transaction, start, report, receipt, validation, rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Judges a well-formed report (<paramref name="shape"/>: what its shape check found, nothing) and applies it if valid, in one
    /// transaction whose first command takes the write lock and reads both the write's start and the judgement's reads:
    /// nothing can change between them, so the write needs no recheck.
    /// </summary>
    private async Task<ReportOutcome> JudgeAndWriteAsync(ReportSubmission report, ReportReceipt receipt, ValidationErrors shape, CancellationToken cancellationToken)
    {
        var rows = ReportRows.From(report, receipt.Body);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteLockedByCallerAsync(connection, cancellationToken).ConfigureAwait(false);

        var engine = StoreSql.EngineOf(connection);
        var args = new DynamicParameters();
        var sql = WriteStart.Sql(engine, database.WriteLockStatement, claim: null, receipt.Sender, rows, args) + ";\n" + ReportValidation.ReadsSql(engine);
        ReportValidation.AddReadArguments(args, engine, report, receipt.Idempotency);
        WriteStart start;
        ReportValidation validation;
        await using (var read = await connection.QueryMultipleAsync(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            start = await WriteStart.ReadAsync(read, database.WriteLockStatement, rows).ConfigureAwait(false);
            validation = await ReportValidation.JudgeAsync(read, report, receipt, shape).ConfigureAwait(false);
        }
        if (receipt.Idempotency is { } claim && validation.Earlier is { } earlier)
        {
            return await AnswerAsync(connection, transaction, claim, earlier, cancellationToken).ConfigureAwait(false);   // its first answer, whatever this body holds
        }
        if (!validation.Errors.IsEmpty)
        {
            return ReportOutcome.Rejected(validation.Errors);
        }
        return await StoreAsync(connection, transaction, start, report, receipt, validation, rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a valid report in the write transaction <paramref name="start"/> was read in, if its sender may still write and nothing it judged changed meanwhile.</summary>
    private async Task<ReportOutcome> StoreAsync(DbConnection connection, DbTransaction transaction, WriteStart start, ReportSubmission report, ReportReceipt receipt,
        ReportValidation validation, ReportRows rows, CancellationToken cancellationToken)
    {
        if (start.Allowed == 0)
        {
            return ReportOutcome.Forbidden([new ReportProblem("sender", ReportProblemCodes.SenderRevoked, [])]);
        }
        if (await validation.RecheckAsync(connection, transaction, start.History, cancellationToken).ConfigureAwait(false) is { IsEmpty: false } changed)
        {
            return ReportOutcome.Rejected(changed);   // disposing the transaction leaves the store as it was
        }
        var stored = await AppendAsync(connection, transaction, start, report, receipt, validation, rows, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ReportOutcome.Accepted(stored);
    }

    /// <summary>
    /// Judges and appends a report inside a write transaction its caller holds and commits (an acceptance decision
    /// carries the province's report with it, so both are stored or neither). The report's own idempotency key and
    /// sender are the caller's to check; its audit row is written here as for any report.
    /// </summary>
    public async Task<ReportOutcome> AppendWithinAsync(DbConnection connection, DbTransaction transaction, ReportSubmission report, ReportReceipt receipt, CancellationToken cancellationToken)
    {
        if (ReportRules.ScopeProblems(report, receipt.Scope) is { Count: > 0 } forbidden)
        {
            return ReportOutcome.Forbidden(forbidden);
        }
        var validation = await ReportValidation.RunAsync(connection, transaction, report, receipt, campaign, _pauses, cancellationToken).ConfigureAwait(false);
        if (!validation.Errors.IsEmpty)
        {
            return ReportOutcome.Rejected(validation.Errors);
        }
        var rows = ReportRows.From(report, receipt.Body);
        var start = await WriteStart.ReadAsync(connection, transaction, writeLock: "", claim: null, sender: null, rows, cancellationToken).ConfigureAwait(false);   // the caller's transaction holds the lock
        return ReportOutcome.Accepted(await AppendAsync(connection, transaction, start, report, receipt, validation, rows, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Appends the report in the transaction <paramref name="start"/> was read in: its own rows, its history, the present
    /// and the timelines it moves (from what the start read of them) in one command.
    /// </summary>
    private async Task<StoredReport> AppendAsync(DbConnection connection, DbTransaction transaction, WriteStart start, ReportSubmission report, ReportReceipt receipt,
        ReportValidation validation, ReportRows rows, CancellationToken cancellationToken)
    {
        var (stored, storeSql, storeArgs) = Store(start.Report, report, receipt, rows.Body, validation.Changes);
        var timeline = start.Timeline is { } basis
            ? Progress.ReportTimelineSql.Plan(basis, rows, start.StageEvent, StoreSql.EngineOf(connection))
            : Progress.TimelineWrite.None;
        var args = new DynamicParameters(storeArgs);
        args.AddDynamicParams(timeline.Args);
        await ReportHistorySql.AppendAsync(connection, transaction, start, rows, storeSql, timeline.Sql, args, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    private static async Task<ReportOutcome> AnswerAsync(DbConnection connection, DbTransaction? transaction, IdempotencyClaim claim, EarlierClaim earlier,
        CancellationToken cancellationToken) =>
        earlier.RequestHash == claim.RequestHash
            ? ReportOutcome.Replay(await ReportQueries.GetBySequenceAsync(connection, transaction, earlier.Report, cancellationToken).ConfigureAwait(false))
            : ReportOutcome.KeyReused();

    /// <summary>The report as stored, and the statements that write its row, its audit row and its idempotency claim, with their arguments.</summary>
    private (StoredReport Stored, string Sql, object Args) Store(long sequence, ReportSubmission report, ReportReceipt receipt, string body, int applied)
    {
        var (scope, receivedAt) = (receipt.Scope, receipt.ReceivedAt);
        var stored = new StoredReport(sequence, receipt.ReportId ?? Guid.CreateVersion7(receivedAt).ToString("N"), report.Locality,
            report.Kind.ToApiName(), report.Period.ToString(), receivedAt.ToUniversalTime(),
            campaign.DeadlineFor(report.Kind, report.Period), campaign.IsOnTime(report.Kind, report.Period, receivedAt), applied, scope.IsProvince);
        // In the same transaction: an acknowledged report always has its audit row, and a refused one has none here.
        var (actor, claim) = (receipt.AuditActor, receipt.Idempotency);
        return (stored, s_storeSql[(actor is null ? 0 : 1) + (claim is null ? 0 : 2)], new
        {
            stored.Sequence,
            stored.ReportId,
            stored.Locality,
            stored.Kind,
            stored.Period,
            report.SubmittedBy,
            Scope = scope.LocalityCode ?? "province",
            report.Narrative,
            stored.ReceivedAt,
            stored.Deadline,
            stored.OnTime,
            stored.Applied,
            Body = body,
            At = receivedAt.ToUniversalTime(),
            Actor = actor,
            Address = receipt.AuditAddress,
            Target = $"{report.Locality} {stored.ReportId}",
            Detail = $"stored; {stored.Applied} communities changed",
            claim?.Client,
            claim?.Key,
            claim?.RequestHash,
            CreatedAt = receivedAt,
        });
    }

    private const string AuditSql =
        """
        INSERT INTO audit_log (at, actor, address, action, target, outcome, detail)
        VALUES (@At, @Actor, @Address, 'report.submit', @Target, 'allowed', @Detail)
        """;

    private const string InsertClaimSql =
        """
        INSERT INTO idempotency_keys (client, key, request_hash, report, created_at)
        VALUES (@Client, @Key, @RequestHash, @Sequence, @CreatedAt)
        """;

    private const string InsertReportSql =
        """
        INSERT INTO reports (id, report_id, locality_code, kind, period, submitted_by, submitter_scope, narrative,
                             received_at, deadline, on_time, applied, body)
        VALUES (@Sequence, @ReportId, @Locality, @Kind, @Period, @SubmittedBy, @Scope, @Narrative,
                @ReceivedAt, @Deadline, @OnTime, @Applied, @Body)
        """;

    // The report's row, then its audit row (bit 1) and its idempotency claim (bit 2) where the receipt has them.
    private static readonly string[] s_storeSql =
    [
        InsertReportSql,
        $"{InsertReportSql};\n{AuditSql}",
        $"{InsertReportSql};\n{InsertClaimSql}",
        $"{InsertReportSql};\n{AuditSql};\n{InsertClaimSql}",
    ];

    public void Dispose() => _writeLock.Dispose();
}

/// <summary>What an idempotency key's earlier request stored: its request's hash and the report's number.</summary>
internal sealed record EarlierClaim(string RequestHash, long Report);
