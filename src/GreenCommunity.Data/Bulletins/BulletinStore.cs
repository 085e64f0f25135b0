using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Bulletins;

/// <summary>
/// The bulletins' table: reads on their own connection, writes inside the caller's transaction (the action's, which
/// holds the write lock, so reading the next number and taking it cannot interleave with another publishing).
/// </summary>
public sealed class BulletinStore(StoreDatabase database)
{
    private const string Columns =
        """
        bulletin_id AS BulletinId, month AS Month, status AS Status, remarks AS Remarks, number_year AS NumberYear,
        number AS Number, content AS Content, created_at AS CreatedAt, created_by AS CreatedBy,
        published_at AS PublishedAt, published_by AS PublishedBy
        """;

    private const string ListSql = $"SELECT {Columns} FROM bulletins WHERE status = 'published' OR @WithDrafts ORDER BY id DESC";

    private const string GetSql = $"SELECT {Columns} FROM bulletins WHERE bulletin_id = @BulletinId";

    private const string InsertSql =
        """
        INSERT INTO bulletins (bulletin_id, month, status, remarks, created_at, created_by)
        VALUES (@BulletinId, @Month, 'draft', @Remarks, @CreatedAt, @CreatedBy)
        """;

    private const string RemarksSql = "UPDATE bulletins SET remarks = @Remarks WHERE bulletin_id = @BulletinId AND status = 'draft'";

    private const string NextNumberSql = "SELECT COALESCE(MAX(number), 0) + 1 FROM bulletins WHERE number_year = @Year";

    private const string PublishSql =
        """
        UPDATE bulletins SET status = 'published', number_year = @Year, number = @Number, content = @Content,
               published_at = @PublishedAt, published_by = @PublishedBy
         WHERE bulletin_id = @BulletinId AND status = 'draft'
        """;

    /// <summary>Newest first: the published ones, and the drafts too for the province.</summary>
    public async Task<IReadOnlyList<BulletinRecord>> ListAsync(bool withDrafts, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<BulletinRecord>(new CommandDefinition(ListSql, new { WithDrafts = withDrafts }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    public async Task<BulletinRecord?> GetAsync(string bulletinId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<BulletinRecord>(new CommandDefinition(GetSql, new { BulletinId = bulletinId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The bulletin as the write's transaction sees it.</summary>
    public static Task<BulletinRecord?> GetAsync(DbConnection connection, DbTransaction transaction, string bulletinId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<BulletinRecord>(new CommandDefinition(GetSql, new { BulletinId = bulletinId }, transaction, cancellationToken: cancellationToken));

    public static Task InsertDraftAsync(DbConnection connection, DbTransaction transaction, BulletinRecord draft, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            draft.BulletinId,
            draft.Month,
            draft.Remarks,
            CreatedAt = draft.CreatedAt.ToUniversalTime(),
            draft.CreatedBy,
        }, transaction, cancellationToken: cancellationToken));

    /// <summary>Sets a draft's remarks; false when it is no draft (any more).</summary>
    public static async Task<bool> SetRemarksAsync(DbConnection connection, DbTransaction transaction, string bulletinId, string remarks, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(RemarksSql, new { BulletinId = bulletinId, Remarks = remarks }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;

    /// <summary>Publishes a draft with the next number of <paramref name="year"/> and its frozen figures; returns the number.</summary>
    public static async Task<long> PublishAsync(DbConnection connection, DbTransaction transaction, string bulletinId, int year, string content,
        DateTimeOffset publishedAt, string publishedBy, CancellationToken cancellationToken)
    {
        var number = await connection.ExecuteScalarAsync<long>(new CommandDefinition(NextNumberSql, new { Year = year }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var updated = await connection.ExecuteAsync(new CommandDefinition(PublishSql, new
        {
            BulletinId = bulletinId,
            Year = year,
            Number = number,
            Content = content,
            PublishedAt = publishedAt.ToUniversalTime(),
            PublishedBy = publishedBy,
        }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return updated == 1 ? number : throw new InvalidOperationException($"Bulletin {bulletinId} is not a draft.");
    }
}
