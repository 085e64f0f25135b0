using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// A report judged whole against one read snapshot of the store, without the write lock: its shape, its places and
/// every update against its community's state before the report. The write transaction then only judges again the
/// updates whose communities another report changed since that snapshot (<see cref="RecheckAsync"/>).
/// </summary>
internal sealed class ReportValidation
{
    private const string LocalitySql = "SELECT COUNT(*) FROM regions WHERE code = @code AND level = 2";

    // SQLite reads the codes as a JSON list; PostgreSQL takes an array, whose length its planner knows (over a JSON list
    // it guesses 100 rows: 3.7 ms against 0.035 ms by the primary key for a 3-update report, as in CommunityHistorySql).
    private static readonly EngineText s_communitiesSql = new(engine => engine == StoreEngine.Postgres
        ? "SELECT code AS Code, locality_code AS Locality FROM communities WHERE code = ANY(@codes)"
        : $"SELECT code AS Code, locality_code AS Locality FROM communities WHERE code IN (SELECT w.value FROM {StoreSql.JsonTexts(engine, "@codes", "w")})");

    private readonly ReportSubmission _report;
    private readonly SubmitterScope _scope;
    private readonly IReadOnlyList<int> _judged;
    private readonly bool[] _changes;
    private readonly HistoryMark _mark;

    private ReportValidation(ReportSubmission report, SubmitterScope scope, IReadOnlyList<int> judged, HistoryMark mark, ValidationErrors errors)
    {
        (_report, _scope, _judged, _mark, Errors) = (report, scope, judged, mark, errors);
        _changes = new bool[report.Updates.Count];
    }

    /// <summary>Every problem found, in the order found: shape, places, then the updates' rules.</summary>
    public ValidationErrors Errors { get; }

    /// <summary>How many communities the report changes (stage or criteria).</summary>
    public int Changes => _changes.Count(c => c);

    /// <summary>Judges the report on the snapshot <paramref name="snapshot"/> reads.</summary>
    public static async Task<ReportValidation> RunAsync(DbConnection connection, DbTransaction snapshot, ReportSubmission report, ReportReceipt receipt,
        Campaign campaign, ReportWritePauses pauses, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        ReportRules.CheckShape(report, receipt.Scope, campaign, receipt.ReceivedAt, errors);
        var mark = await HistoryMark.ReadAsync(connection, snapshot, cancellationToken).ConfigureAwait(false);
        var misplaced = await CheckPlacesAsync(connection, snapshot, report, errors, cancellationToken).ConfigureAwait(false);
        var repeated = ReportRules.RepeatedCommunities(report.Updates);
        var judged = Enumerable.Range(0, report.Updates.Count).Where(i => !misplaced.Contains(i) && !repeated.ContainsKey(i)).ToList();
        var validation = new ReportValidation(report, receipt.Scope, judged, mark, errors);
        var states = await validation.ReadStatesAsync(connection, snapshot, judged, cancellationToken).ConfigureAwait(false);
        await pauses.Validating(report, cancellationToken).ConfigureAwait(false);
        validation.Judge(judged, states, errors);
        return validation;
    }

    /// <summary>
    /// In the write transaction: judges again the updates whose communities gained history since the snapshot
    /// (<paramref name="now"/>: where the history ends in the transaction). Empty when the report still holds (the usual case: nothing it touches changed, and nothing is read but the new rows' communities).
    /// </summary>
    public async Task<ValidationErrors> RecheckAsync(DbConnection connection, DbTransaction transaction, HistoryMark now, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var touched = await _mark.CommunitiesWrittenSinceAsync(connection, transaction, now, cancellationToken).ConfigureAwait(false);
        var again = touched.Count == 0 ? [] : _judged.Where(i => touched.Contains(_report.Updates[i].Community)).ToList();
        if (again.Count > 0)
        {
            Judge(again, await ReadStatesAsync(connection, transaction, again, cancellationToken).ConfigureAwait(false), errors);
        }
        return errors;
    }

    private Task<IReadOnlyList<CommunityState>> ReadStatesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<int> updates, CancellationToken cancellationToken) =>
        CommunityHistorySql.StatesAsOfAsync(connection, transaction, updates.Select(i => (_report.Updates[i].Community, _report.Updates[i].Effective)).ToList(), cancellationToken);

    /// <summary>Each update against its community's state before the report (one update per community: none sees another).</summary>
    private void Judge(IReadOnlyList<int> updates, IReadOnlyList<CommunityState> states, ValidationErrors errors)
    {
        for (var k = 0; k < updates.Count; k++)
        {
            var i = updates[k];
            var verdict = ReportRules.Judge(states[k], _report.Updates[i], _scope);
            errors.AddRange(verdict.Problems.Select(p => p.At($"updates[{i}].{p.Path}")));
            _changes[i] = verdict.Changes;
        }
    }

    /// <summary>Loads whether the locality exists and where each community is, for <see cref="ReportRules.CheckPlaces"/>.</summary>
    private static async Task<IReadOnlySet<int>> CheckPlacesAsync(DbConnection connection, DbTransaction transaction, ReportSubmission report, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var isLocality = await connection.ExecuteScalarAsync<long>(new CommandDefinition(LocalitySql, new { code = report.Locality }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var distinct = report.Updates.Select(u => u.Community).Distinct(StringComparer.Ordinal).ToArray();
        object args = StoreSql.EngineOf(connection) == StoreEngine.Postgres ? new { codes = distinct } : new { codes = System.Text.Json.JsonSerializer.Serialize(distinct) };
        var rows = await connection.QueryAsync<CommunityPlace>(new CommandDefinition(s_communitiesSql.For(connection), args, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return ReportRules.CheckPlaces(report, isLocality != 0, rows.ToDictionary(r => r.Code, r => r.Locality, StringComparer.Ordinal), errors);
    }

    private sealed record CommunityPlace(string Code, string Locality);
}
