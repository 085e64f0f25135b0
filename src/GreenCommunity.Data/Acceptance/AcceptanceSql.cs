using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Acceptance;

/// <summary>The writes of the acceptance review and the reads they need, all inside the caller's write transaction.</summary>
public static class AcceptanceSql
{
    private static readonly EngineText s_factsSql = new(engine =>
        $"""
        SELECT c.code AS Code, c.locality_code AS Locality, COALESCE(s.stage, 0) AS Stage, r.request_id AS WaitingIn
          FROM communities c
          LEFT JOIN community_state s ON s.community_code = c.code
          LEFT JOIN acceptance_request_communities w ON w.community_code = c.code AND w.accepted IS NULL
          LEFT JOIN acceptance_requests r ON r.id = w.request
         WHERE {StoreSql.InList(engine, "c.code", "@codes")}
        """);

    /// <summary>The communities among <paramref name="codes"/> that exist, with their locality, stage and any request they wait in.</summary>
    public static async Task<IReadOnlyDictionary<string, ApplicationFact>> FactsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<ApplicationFact>(new CommandDefinition(s_factsSql.For(connection), new { codes = codes.ToArray() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Code, StringComparer.Ordinal);
    }

    private const string InsertRequestSql =
        """
        INSERT INTO acceptance_requests (request_id, locality_code, note, requested_at, requested_by)
        VALUES (@RequestId, @Locality, @Note, @At, @Actor)
        RETURNING id;
        """;

    private const string InsertCommunitySql =
        "INSERT INTO acceptance_request_communities (request, position, community_code) VALUES (@Request, @Position, @Code)";

    public static async Task InsertRequestAsync(DbConnection connection, DbTransaction transaction, string requestId, string locality,
        IReadOnlyList<string> communities, string? note, DateTimeOffset at, string actor, CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertRequestSql,
            new { RequestId = requestId, Locality = locality, Note = note, At = at.ToUniversalTime(), Actor = actor }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(InsertCommunitySql,
            communities.Select((code, i) => new { Request = id, Position = i, Code = code }), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private const string PendingSql =
        """
        SELECT r.id AS Id, r.locality_code AS Locality, c.community_code AS Code, c.accepted AS Accepted
          FROM acceptance_requests r JOIN acceptance_request_communities c ON c.request = r.id
         WHERE r.request_id = @requestId
        """;

    /// <summary>A request's row id, locality and each community's state (null while waiting); null when there is no such request.</summary>
    public static async Task<(long Id, string Locality, IReadOnlyDictionary<string, bool?> Communities)?> FindForDecisionAsync(
        DbConnection connection, DbTransaction transaction, string requestId, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<(long Id, string Locality, string Code, long? Accepted)>(new CommandDefinition(PendingSql,
            new { requestId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        return rows.Count == 0
            ? null
            : (rows[0].Id, rows[0].Locality, rows.ToDictionary(r => r.Code, r => r.Accepted is { } a ? a == 1 : (bool?)null, StringComparer.Ordinal));
    }

    private const string DecideSql =
        """
        UPDATE acceptance_request_communities
           SET accepted = @Accepted, review = @Review, reason = @Reason, decided_at = @At, decided_by = @Actor, report = @Report
         WHERE request = @Request AND community_code = @Code AND accepted IS NULL
        """;

    private const string CloseWhenDecidedSql =
        """
        UPDATE acceptance_requests SET decided_at = @At
         WHERE id = @Request AND decided_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM acceptance_request_communities WHERE request = @Request AND accepted IS NULL)
        """;

    /// <summary>Records the decisions and closes the request once none of its communities waits.</summary>
    public static async Task DecideAsync(DbConnection connection, DbTransaction transaction, long request,
        IEnumerable<(string Code, bool Accepted, string Review, string? Reason, long? Report)> decisions, DateTimeOffset at, string actor, CancellationToken cancellationToken)
    {
        var utc = at.ToUniversalTime();
        await connection.ExecuteAsync(new CommandDefinition(DecideSql,
            decisions.Select(d => new { Request = request, d.Code, d.Accepted, d.Review, d.Reason, At = utc, Actor = actor, d.Report }),
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(CloseWhenDecidedSql, new { Request = request, At = utc }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
