using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;
using Microsoft.Data.Sqlite;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// The one write path for reports: the API, the UI and the demo history all come through here.
/// A report is checked and stored with all its updates in one transaction, or not at all.
/// </summary>
public sealed class ReportWriter(SqliteConnectionFactory database, Campaign campaign) : IDisposable
{
    // SQLite has one writer at a time; queueing here avoids busy-waiting on the file lock.
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public Task<ReportOutcome> SubmitAsync(ReportSubmission report, SubmitterScope scope, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        SubmitAsync(report, new ReportReceipt(scope, receivedAt), cancellationToken);

    public async Task<ReportOutcome> SubmitAsync(ReportSubmission report, ReportReceipt receipt, CancellationToken cancellationToken)
    {
        var (scope, receivedAt) = (receipt.Scope, receipt.ReceivedAt);
        if (ReportRules.ScopeProblems(report, scope) is { Count: > 0 } forbidden)
        {
            return ReportOutcome.Forbidden(forbidden);
        }
        var errors = new ValidationErrors();
        ReportRules.CheckShape(report, scope, campaign, receivedAt, errors);

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            if (receipt.Idempotency is { } claim
                && await FindClaimAsync(connection, transaction, claim, cancellationToken).ConfigureAwait(false) is { } earlier)
            {
                return earlier.RequestHash == claim.RequestHash
                    ? ReportOutcome.Replay(await ReportQueries.GetBySequenceAsync(connection, transaction, earlier.Report, cancellationToken).ConfigureAwait(false))
                    : ReportOutcome.KeyReused();
            }

            var misplaced = await CheckPlacesAsync(connection, transaction, report, errors, cancellationToken).ConfigureAwait(false);

            var sequence = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COALESCE(MAX(id), 0) + 1 FROM reports", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var changed = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < report.Updates.Count; i++)
            {
                if (!misplaced.Contains(i) && await ApplyUpdateAsync(connection, transaction, sequence, report.Updates[i], $"updates[{i}]", scope, errors, cancellationToken).ConfigureAwait(false))
                {
                    changed.Add(report.Updates[i].Community);
                }
            }
            if (!errors.IsEmpty)
            {
                return ReportOutcome.Rejected(errors);   // disposing the transaction rolls every row back
            }

            var stored = await StoreAsync(connection, transaction, sequence, report, receipt, changed.Count, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return ReportOutcome.Accepted(stored);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Writes the report's row, its audit row and its idempotency claim, all in the report's transaction.</summary>
    private async Task<StoredReport> StoreAsync(SqliteConnection connection, SqliteTransaction transaction, long sequence,
        ReportSubmission report, ReportReceipt receipt, int applied, CancellationToken cancellationToken)
    {
        var (scope, receivedAt) = (receipt.Scope, receipt.ReceivedAt);
        var stored = new StoredReport(sequence, receipt.ReportId ?? Guid.CreateVersion7(receivedAt).ToString("N"), report.Locality,
            report.Kind.ToApiName(), report.Period.ToString(), receivedAt.ToUniversalTime(),
            campaign.DeadlineFor(report.Kind, report.Period), campaign.IsOnTime(report.Kind, report.Period, receivedAt), applied, scope.IsProvince);
        await InsertReportAsync(connection, transaction, stored, report, scope, receipt.Body ?? ReportJson.Serialize(report), cancellationToken).ConfigureAwait(false);
        if (receipt.AuditActor is { } actor)
        {
            // In the same transaction: an acknowledged report always has its audit row, and a refused one has none here.
            await connection.ExecuteAsync(new CommandDefinition(AuditSql, new
            {
                At = receivedAt.ToUniversalTime(),
                Actor = actor,
                Address = receipt.AuditAddress,
                Target = $"{report.Locality} {stored.ReportId}",
                Detail = $"stored; {stored.Applied} communities changed",
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        if (receipt.Idempotency is { } newClaim)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertClaimSql,
                new { newClaim.Client, newClaim.Key, newClaim.RequestHash, Report = sequence, CreatedAt = receivedAt }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        return stored;
    }

    private const string AuditSql =
        """
        INSERT INTO audit_log (at, actor, address, action, target, outcome, detail)
        VALUES (@At, @Actor, @Address, 'report.submit', @Target, 'allowed', @Detail)
        """;

    private const string FindClaimSql = "SELECT request_hash AS RequestHash, report AS Report FROM idempotency_keys WHERE client = @Client AND key = @Key";

    private const string InsertClaimSql =
        """
        INSERT INTO idempotency_keys (client, key, request_hash, report, created_at)
        VALUES (@Client, @Key, @RequestHash, @Report, @CreatedAt)
        """;

    private static Task<EarlierClaim?> FindClaimAsync(SqliteConnection connection, SqliteTransaction transaction, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<EarlierClaim>(new CommandDefinition(FindClaimSql, new { claim.Client, claim.Key }, transaction, cancellationToken: cancellationToken));

    private const string LocalitySql = "SELECT COUNT(*) FROM regions WHERE code = @code AND level = 2";

    private const string CommunitiesSql = "SELECT code AS Code, locality_code AS Locality FROM communities WHERE code IN @codes";

    /// <summary>Loads whether the locality exists and where each community is, for <see cref="ReportRules.CheckPlaces"/>.</summary>
    private static async Task<IReadOnlySet<int>> CheckPlacesAsync(SqliteConnection connection, SqliteTransaction transaction, ReportSubmission report, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var isLocality = await connection.ExecuteScalarAsync<long>(new CommandDefinition(LocalitySql, new { code = report.Locality }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var codes = report.Updates.Select(u => u.Community).Distinct(StringComparer.Ordinal).ToArray();
        var localities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(5_000))
        {
            foreach (var row in await connection.QueryAsync<CommunityPlace>(new CommandDefinition(CommunitiesSql, new { codes = chunk }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
            {
                localities[row.Code] = row.Locality;
            }
        }
        return ReportRules.CheckPlaces(report, isLocality != 0, localities, errors);
    }

    /// <summary>Loads the community's state on the update's effective day, lets <see cref="ReportRules.Judge"/> judge the update, and appends it if allowed; true when something changed.</summary>
    private static async Task<bool> ApplyUpdateAsync(SqliteConnection connection, SqliteTransaction transaction, long sequence,
        CommunityUpdate update, string path, SubmitterScope scope, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var (stageBefore, wasPilot) = await CommunityHistorySql.StageAsOfAsync(connection, transaction, update.Community, update.Effective, cancellationToken).ConfigureAwait(false);
        var criteriaBefore = await CommunityHistorySql.CriteriaAsOfAsync(connection, transaction, update.Community, update.Effective, cancellationToken).ConfigureAwait(false);
        var verdict = ReportRules.Judge(new CommunityState(stageBefore, wasPilot, criteriaBefore), update, scope);
        if (!verdict.IsAllowed)
        {
            errors.AddRange(verdict.Problems.Select(p => p.At($"{path}.{p.Path}")));
            return false;
        }

        // Written even when another update was refused: later updates in the same report are checked against
        // it, and the whole transaction is rolled back if anything was refused.
        var effective = update.Effective;
        if (update.Stage is { } newStage)
        {
            await connection.ExecuteAsync(new CommandDefinition(AppendStageSql,
                new { community = update.Community, stage = (int)newStage, effective, report = sequence }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        foreach (var (number, value) in update.Criteria.OrderBy(c => c.Key))
        {
            var met = GreenCommunityStandard.Get(number).IsMet(value);
            await connection.ExecuteAsync(new CommandDefinition(AppendCriterionSql,
                new { community = update.Community, criterion = number, value, met, effective, report = sequence }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        return verdict.Changes;
    }

    // Append the event, then move the present forward if this event is now the latest for the community.
    private const string AppendStageSql =
        """
        INSERT INTO stage_events (community_code, stage, effective, report) VALUES (@community, @stage, @effective, @report);
        UPDATE community_state
           SET stage = CASE WHEN effective IS NULL OR effective <= @effective THEN @stage ELSE stage END,
               effective = CASE WHEN effective IS NULL OR effective <= @effective THEN @effective ELSE effective END,
               event_id = CASE WHEN effective IS NULL OR effective <= @effective THEN last_insert_rowid() ELSE event_id END,
               pilot = pilot OR @stage = 1
         WHERE community_code = @community;
        """;

    private const string AppendCriterionSql =
        """
        INSERT INTO criterion_assessments (community_code, criterion, value, met, effective, report)
        VALUES (@community, @criterion, @value, @met, @effective, @report);
        INSERT INTO community_criteria (community_code, criterion, value, met, effective, assessment_id)
        VALUES (@community, @criterion, @value, @met, @effective, last_insert_rowid())
        ON CONFLICT (community_code, criterion) DO UPDATE
           SET value = excluded.value, met = excluded.met, effective = excluded.effective, assessment_id = excluded.assessment_id
         WHERE community_criteria.effective <= excluded.effective;
        """;

    private const string InsertReportSql =
        """
        INSERT INTO reports (id, report_id, locality_code, kind, period, submitted_by, submitter_scope, narrative,
                             received_at, deadline, on_time, applied, body)
        VALUES (@Sequence, @ReportId, @Locality, @Kind, @Period, @SubmittedBy, @Scope, @Narrative,
                @ReceivedAt, @Deadline, @OnTime, @Applied, @Body)
        """;

    private static Task<int> InsertReportAsync(SqliteConnection connection, SqliteTransaction transaction, StoredReport stored,
        ReportSubmission report, SubmitterScope scope, string body, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(InsertReportSql, new
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
        }, transaction, cancellationToken: cancellationToken));

    public void Dispose() => _writeLock.Dispose();

    private sealed record CommunityPlace(string Code, string Locality);

    private sealed record EarlierClaim(string RequestHash, long Report);
}
