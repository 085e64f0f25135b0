using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Demonstration;

/// <summary>Reads demonstration bases and practices: the lists of the page and the API, a community's badge, the map's counts.</summary>
public sealed class DemonstrationQueries(StoreDatabase database)
{
    private const string BasesSql =
        """
        SELECT b.community_code AS Community, c.name AS Name, b.locality_code AS Locality, b.county_code AS County,
               COALESCE(r.name, b.county_code) AS CountyName, b.description AS Description, b.designated_on AS DesignatedOn,
               b.designated_by AS DesignatedBy, b.withdrawn_at AS WithdrawnAt, b.withdrawn_by AS WithdrawnBy,
               b.withdrawal_reason AS WithdrawalReason
          FROM demonstration_bases b
          JOIN communities c ON c.code = b.community_code
          LEFT JOIN regions r ON r.code = b.county_code AND r.level = 3
        """;

    private const string PracticesSql =
        """
        SELECT p.practice_id AS PracticeId, p.locality_code AS Locality, p.title AS Title, p.description AS Description,
               p.community_code AS Community, c.name AS CommunityName, p.created_at AS CreatedAt, p.created_by AS CreatedBy
          FROM practices p
          LEFT JOIN communities c ON c.code = p.community_code
        """;

    private const string CountsSql =
        """
        SELECT locality_code AS Locality, county_code AS County, COUNT(*) AS Count
          FROM demonstration_bases WHERE withdrawn_at IS NULL
         GROUP BY locality_code, county_code
         ORDER BY locality_code, county_code
        """;

    /// <summary>A locality's bases (all localities' when null), current ones only unless <paramref name="withWithdrawn"/>; by locality and code.</summary>
    public async Task<IReadOnlyList<DemonstrationBase>> BasesAsync(string? locality, bool withWithdrawn, CancellationToken cancellationToken)
    {
        const string sql = BasesSql + """
             WHERE (@locality IS NULL OR b.locality_code = @locality) AND (@withWithdrawn OR b.withdrawn_at IS NULL)
             ORDER BY b.locality_code, b.community_code, b.id
            """;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<BaseRow>(new CommandDefinition(sql, new { locality, withWithdrawn }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToBase()).ToList();
    }

    /// <summary>A community's current designation, or else its latest withdrawn one; null when it never was a base.</summary>
    public async Task<DemonstrationBase?> BaseAsync(string community, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await BaseAsync(connection, null, community, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<DemonstrationBase?> BaseAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction,
        string community, CancellationToken cancellationToken)
    {
        const string sql = BasesSql + " WHERE b.community_code = @community ORDER BY b.withdrawn_at IS NULL DESC, b.id DESC LIMIT 1";
        var row = await connection.QuerySingleOrDefaultAsync<BaseRow>(new CommandDefinition(sql, new { community }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToBase();
    }

    /// <summary>A locality's practices (all localities' when null), by locality, oldest first.</summary>
    public async Task<IReadOnlyList<Practice>> PracticesAsync(string? locality, CancellationToken cancellationToken)
    {
        const string sql = PracticesSql + " WHERE (@locality IS NULL OR p.locality_code = @locality) ORDER BY p.locality_code, p.id";
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<PracticeRow>(new CommandDefinition(sql, new { locality }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToPractice()).ToList();
    }

    public async Task<Practice?> PracticeAsync(string practiceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await PracticeAsync(connection, null, practiceId, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<Practice?> PracticeAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction,
        string practiceId, CancellationToken cancellationToken)
    {
        const string sql = PracticesSql + " WHERE p.practice_id = @practiceId";
        var row = await connection.QuerySingleOrDefaultAsync<PracticeRow>(new CommandDefinition(sql, new { practiceId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToPractice();
    }

    /// <summary>The current bases counted by county-level unit: one short read, grouped in the index.</summary>
    public async Task<IReadOnlyList<BaseCount>> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Locality, string County, long Count)>(new CommandDefinition(CountsSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new BaseCount(r.Locality, r.County, (int)r.Count)).ToList();
    }

    // Settable, not positional: the withdrawal's columns are null on most rows, which leaves Dapper no type to match.
    private sealed class BaseRow
    {
        public string Community { get; init; } = "";

        public string Name { get; init; } = "";

        public string Locality { get; init; } = "";

        public string County { get; init; } = "";

        public string CountyName { get; init; } = "";

        public string Description { get; init; } = "";

        public DateOnly DesignatedOn { get; init; }

        public string DesignatedBy { get; init; } = "";

        public DateTimeOffset? WithdrawnAt { get; init; }

        public string? WithdrawnBy { get; init; }

        public string? WithdrawalReason { get; init; }

        public DemonstrationBase ToBase() =>
            new(Community, Name, Locality, County, CountyName, Description, DesignatedOn, DesignatedBy, WithdrawnAt, WithdrawnBy, WithdrawalReason);
    }

    private sealed class PracticeRow
    {
        public string PracticeId { get; init; } = "";

        public string Locality { get; init; } = "";

        public string Title { get; init; } = "";

        public string Description { get; init; } = "";

        public string? Community { get; init; }

        public string? CommunityName { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public string CreatedBy { get; init; } = "";

        public Practice ToPractice() => new(PracticeId, Locality, Title, Description, Community, CommunityName, CreatedAt, CreatedBy);
    }
}
