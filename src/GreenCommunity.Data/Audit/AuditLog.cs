using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Audit;

/// <summary>The append-only audit log: every write path records allowed and refused attempts here.</summary>
public sealed class AuditLog(StoreDatabase database)
{
    private const string InsertSql =
        """
        INSERT INTO audit_log (at, actor, address, action, target, outcome, detail)
        VALUES (@At, @Actor, @Address, @Action, @Target, @Outcome, @Detail)
        """;

    private const string Where =
        """
         WHERE (@Actor IS NULL OR actor LIKE @Actor)
           AND (@Action IS NULL OR action = @Action)
           AND (@Outcome IS NULL OR outcome = @Outcome)
           AND (@From IS NULL OR at >= @From)
           AND (@To IS NULL OR at <= @To)
        """;

    private const string PageSql =
        $"""
        SELECT at AS At, actor AS Actor, address AS Address, action AS Action, target AS Target, outcome AS Outcome, detail AS Detail
          FROM audit_log {Where}
         ORDER BY id DESC LIMIT @Limit OFFSET @Offset
        """;

    private const string CountSql = $"SELECT COUNT(*) FROM audit_log {Where}";

    private const string ActionsSql = "SELECT DISTINCT action FROM audit_log ORDER BY action";

    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            At = entry.At.ToUniversalTime(),
            entry.Actor,
            entry.Address,
            entry.Action,
            entry.Target,
            Outcome = Name(entry.Outcome),
            entry.Detail,
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Newest first, with the total for the filter.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Items, long Total)> QueryAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var args = new
        {
            Actor = string.IsNullOrWhiteSpace(filter.Actor) ? null : $"%{filter.Actor.Trim()}%",
            Action = string.IsNullOrWhiteSpace(filter.Action) ? null : filter.Action,
            Outcome = filter.Outcome is { } o ? Name(o) : null,
            From = filter.From?.ToUniversalTime(),
            To = filter.To?.ToUniversalTime(),
            Limit = pageSize,
            Offset = (Math.Max(page, 1) - 1) * pageSize,
        };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(PageSql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountSql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (rows.Select(r => new AuditEntry(r.At, r.Actor, r.Address, r.Action, r.Target, Parse(r.Outcome), r.Detail)).ToList(), total);
    }

    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<string>(new CommandDefinition(ActionsSql, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    private static string Name(AuditOutcome outcome) => outcome.ToString().ToLowerInvariant();

    private static AuditOutcome Parse(string outcome) => Enum.Parse<AuditOutcome>(outcome, ignoreCase: true);

    private sealed record AuditRow(DateTimeOffset At, string Actor, string? Address, string Action, string? Target, string Outcome, string? Detail);
}
