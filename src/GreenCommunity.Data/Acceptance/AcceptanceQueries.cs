using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Acceptance;

/// <summary>Reads the acceptance queue: requests by locality and status, one request, and the queue at a glance.</summary>
public sealed class AcceptanceQueries(StoreDatabase database)
{
    public const int MaxListed = 500;

    private const string RequestsSql =
        """
        SELECT r.id AS Id, r.request_id AS RequestId, r.locality_code AS Locality, l.name AS LocalityName, l.name_en AS LocalityNameEn,
               r.note AS Note, r.requested_at AS RequestedAt, r.requested_by AS RequestedBy, r.decided_at AS DecidedAt
          FROM acceptance_requests r JOIN regions l ON l.code = r.locality_code AND l.level = 2
         WHERE (@locality IS NULL OR r.locality_code = @locality)
           AND (@status IS NULL OR (@status = 'pending' AND r.decided_at IS NULL) OR (@status = 'decided' AND r.decided_at IS NOT NULL))
           AND (@requestId IS NULL OR r.request_id = @requestId)
         ORDER BY r.id DESC
         LIMIT @limit
        """;

    private static readonly EngineText s_communitiesSql = new(engine =>
        $"""
        SELECT a.request AS Request, a.community_code AS Code, c.name AS Name, county.name AS CountyName, COALESCE(s.stage, 0) AS Stage,
               a.accepted AS Accepted, a.review AS Review, a.reason AS Reason, a.decided_at AS DecidedAt, a.decided_by AS DecidedBy,
               rep.report_id AS ReportId
          FROM acceptance_request_communities a
          JOIN communities c ON c.code = a.community_code
          JOIN regions county ON county.code = c.county_code AND county.level = 3
          LEFT JOIN community_state s ON s.community_code = a.community_code
          LEFT JOIN reports rep ON rep.id = a.report
         WHERE {StoreSql.InList(engine, "a.request", "@ids")}
         ORDER BY a.request, a.position
        """);

    private static readonly EngineText s_summarySql = new(engine =>
        $"""
        SELECT (SELECT COUNT(*) FROM acceptance_requests WHERE decided_at IS NULL AND (@locality IS NULL OR locality_code = @locality)) AS WaitingRequests,
               (SELECT COUNT(*) FROM acceptance_request_communities a JOIN acceptance_requests r ON r.id = a.request
                 WHERE a.accepted IS NULL AND (@locality IS NULL OR r.locality_code = @locality)) AS WaitingCommunities,
               (SELECT MIN(requested_at) FROM acceptance_requests WHERE decided_at IS NULL AND (@locality IS NULL OR locality_code = @locality)) AS OldestWaitingSince,
               (SELECT AVG({DaysBetween(engine, "requested_at", "decided_at")}) FROM acceptance_requests
                 WHERE decided_at IS NOT NULL AND (@locality IS NULL OR locality_code = @locality)) AS AverageDaysToDecision,
               (SELECT COUNT(*) FROM acceptance_requests WHERE decided_at IS NOT NULL AND (@locality IS NULL OR locality_code = @locality)) AS Decided
        """);

    /// <summary>Days, with their fraction, between two instants stored as ISO text.</summary>
    private static string DaysBetween(StoreEngine engine, string from, string to) => engine == StoreEngine.Postgres
        ? $"EXTRACT(EPOCH FROM (CAST({to} AS timestamptz) - CAST({from} AS timestamptz))) / 86400.0"
        : $"julianday({to}) - julianday({from})";

    private const string CandidatesSql =
        """
        SELECT c.code AS Code, c.name AS Name, county.name AS CountyName, s.stage AS Stage,
               (SELECT COUNT(*) FROM community_criteria k WHERE k.community_code = c.code AND k.met = 1) AS CriteriaMet
          FROM communities c
          JOIN community_state s ON s.community_code = c.code
          JOIN regions county ON county.code = c.county_code AND county.level = 3
         WHERE c.locality_code = @locality AND s.stage IN (1, 2)
           AND NOT EXISTS (SELECT 1 FROM acceptance_request_communities w WHERE w.community_code = c.code AND w.accepted IS NULL)
         ORDER BY CriteriaMet DESC, c.code
         LIMIT @limit
        """;

    private static readonly EngineText s_metCriteriaSql = new(engine =>
        $"SELECT community_code AS Code, criterion AS Criterion FROM community_criteria WHERE {StoreSql.InList(engine, "community_code", "@codes")} AND met = 1");

    /// <summary>
    /// A locality's communities that may be applied for (pilot or in progress, not already waiting), those with the most
    /// criteria met first, at most <see cref="MaxListed"/>.
    /// </summary>
    public async Task<IReadOnlyList<AcceptanceCandidate>> CandidatesAsync(string locality, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<AcceptanceCandidate>(new CommandDefinition(CandidatesSql, new { locality, limit = MaxListed }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    /// <summary>The criteria each community meets now, as its locality last reported them: the reviewers' starting point.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlySet<int>>> MetCriteriaAsync(IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Code, long Criterion)>(new CommandDefinition(s_metCriteriaSql.For(connection), new { codes = codes.ToArray() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var met = codes.ToDictionary(c => c, _ => (IReadOnlySet<int>)new HashSet<int>(), StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => r.Code, StringComparer.Ordinal))
        {
            met[group.Key] = group.Select(r => (int)r.Criterion).ToHashSet();
        }
        return met;
    }

    /// <summary>Requests newest first, at most <see cref="MaxListed"/>; <paramref name="status"/> "pending", "decided" or null for both.</summary>
    public async Task<IReadOnlyList<AcceptanceRequestRecord>> ListAsync(string? locality, string? status, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, locality, status, null, MaxListed, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AcceptanceRequestRecord?> GetAsync(string requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await ReadAsync(connection, null, null, requestId, 1, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>The queue at a glance, for the province (<paramref name="locality"/> null) or one locality.</summary>
    public async Task<AcceptanceQueueSummary> SummaryAsync(string? locality, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<SummaryRow>(new CommandDefinition(s_summarySql.For(connection), new { locality }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new AcceptanceQueueSummary(row.WaitingRequests, row.WaitingCommunities, row.OldestWaitingSince, row.AverageDaysToDecision, row.Decided);
    }

    private static async Task<IReadOnlyList<AcceptanceRequestRecord>> ReadAsync(DbConnection connection, string? locality, string? status, string? requestId, int limit, CancellationToken cancellationToken)
    {
        var requests = (await connection.QueryAsync<RequestRow>(new CommandDefinition(RequestsSql,
            new { locality, status, requestId, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        if (requests.Count == 0)
        {
            return [];
        }
        var communities = (await connection.QueryAsync<CommunityRow>(new CommandDefinition(s_communitiesSql.For(connection),
            new { ids = requests.Select(r => r.Id).ToList() }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToLookup(c => c.Request);
        return requests.Select(r => new AcceptanceRequestRecord(r.Id, r.RequestId, r.Locality, r.LocalityName, r.LocalityNameEn, r.Note,
            r.RequestedAt, r.RequestedBy, r.DecidedAt,
            communities[r.Id].Select(c => new AcceptanceCommunityRecord(c.Code, c.Name, c.CountyName, (int)c.Stage,
                c.Accepted is { } a ? a == 1 : null, c.Review, c.Reason, c.DecidedAt, c.DecidedBy, c.ReportId)).ToList())).ToList();
    }

    /// <summary>Read by property: the queue's figures are NULL when it is empty, which a constructor cannot be matched on.</summary>
    private sealed class SummaryRow
    {
        public long WaitingRequests { get; init; }

        public long WaitingCommunities { get; init; }

        public DateTimeOffset? OldestWaitingSince { get; init; }

        public double? AverageDaysToDecision { get; init; }

        public long Decided { get; init; }
    }

    private sealed record RequestRow(long Id, string RequestId, string Locality, string LocalityName, string LocalityNameEn, string? Note,
        DateTimeOffset RequestedAt, string RequestedBy, DateTimeOffset? DecidedAt);

    private sealed record CommunityRow(long Request, string Code, string Name, string CountyName, long Stage, long? Accepted, string? Review,
        string? Reason, DateTimeOffset? DecidedAt, string? DecidedBy, string? ReportId);
}
