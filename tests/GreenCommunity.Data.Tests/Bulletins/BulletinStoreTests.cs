using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Bulletins;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;

namespace GreenCommunity.Data.Tests.Bulletins;

public sealed class BulletinStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset s_now = new(2026, 11, 30, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Published_RawUpdateOrDelete_AbortsAndLeavesItAsPublished()
    {
        // Arrange: a draft published, as the action does it.
        await using var store = await TestStore.CreateAsync();
        await using var connection = await store.Database.OpenAsync(Ct);
        await WriteAsync(connection, async tx =>
        {
            await BulletinStore.InsertDraftAsync(connection, tx, Draft("b1", "2026-10"), Ct);
            await BulletinStore.PublishAsync(connection, tx, "b1", 2026, """{"month":"2026-10"}""", s_now, "user:admin", Ct);
        });

        // Act
        var update = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("UPDATE bulletins SET remarks = 'changed' WHERE bulletin_id = 'b1'"));
        var content = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("UPDATE bulletins SET content = '{}', status = 'draft' WHERE bulletin_id = 'b1'"));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("DELETE FROM bulletins WHERE bulletin_id = 'b1'"));

        // Assert
        Assert.Contains("cannot be changed", update.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be changed", content.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be deleted", delete.Message, StringComparison.Ordinal);
        var stored = await new BulletinStore(store.Database).GetAsync("b1", Ct);
        Assert.Equal(("published", "", """{"month":"2026-10"}""", 2026L, 1L), (stored!.Status, stored.Remarks, stored.Content, stored.NumberYear, stored.Number));
    }

    [Fact]
    public async Task Draft_RemarksAndDelete_AreAllowedUntilPublished()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        await using var connection = await store.Database.OpenAsync(Ct);
        await WriteAsync(connection, tx => BulletinStore.InsertDraftAsync(connection, tx, Draft("b1", "2026-10"), Ct));

        // Act
        var edited = false;
        await WriteAsync(connection, async tx => edited = await BulletinStore.SetRemarksAsync(connection, tx, "b1", "请各地加快进度", Ct));
        var remarks = (await new BulletinStore(store.Database).GetAsync("b1", Ct))!.Remarks;
        var deleted = await connection.ExecuteAsync("DELETE FROM bulletins WHERE bulletin_id = 'b1'");

        // Assert
        Assert.True(edited);
        Assert.Equal("请各地加快进度", remarks);
        Assert.Equal(1, deleted);
    }

    [Fact]
    public async Task Publish_NumbersEachYearFromOne_AndNeverTwiceInAYear()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        await using var connection = await store.Database.OpenAsync(Ct);
        var numbers = new List<long>();

        // Act: three in 2026, then one in 2027.
        await WriteAsync(connection, async tx =>
        {
            foreach (var (id, year) in new[] { ("a", 2026), ("b", 2026), ("c", 2026), ("d", 2027) })
            {
                await BulletinStore.InsertDraftAsync(connection, tx, Draft(id, "2026-10"), Ct);
                numbers.Add(await BulletinStore.PublishAsync(connection, tx, id, year, "{}", s_now, "user:admin", Ct));
            }
        });
        var duplicate = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(
            "INSERT INTO bulletins (bulletin_id, month, status, remarks, number_year, number, content, created_at, created_by, published_at, published_by) " +
            "VALUES ('e', '2026-10', 'published', '', 2026, 2, '{}', 'x', 'x', 'x', 'x')"));

        // Assert
        Assert.Equal([1L, 2L, 3L, 1L], numbers);
        Assert.True(StoreErrors.IsUniqueViolation(duplicate), duplicate.Message);
    }

    [Fact]
    public async Task OpenOn_AFinding_IsOpenFromItsVisitUntilTheDayBeforeItsRectification()
    {
        // Arrange: one inspection with a finding not met (rectified on 2026-10-20), one met, one not met and never rectified.
        await using var store = await TestStore.CreateAsync();
        await using var connection = await store.Database.OpenAsync(Ct);
        var community = await connection.ExecuteScalarAsync<string>("SELECT code FROM communities WHERE locality_code = '420100' ORDER BY code LIMIT 1");
        await connection.ExecuteAsync(
            """
            INSERT INTO inspections (id, inspection_id, community_code, locality_code, visited_on, inspectors, rectify_by, recorded_at, recorded_by)
            VALUES (1, 'i1', @community, '420100', '2026-10-10', '省住建厅', '2026-11-10', 'x', 'user:admin');
            INSERT INTO inspection_findings (inspection, criterion, met, note, rectified_on) VALUES (1, 5, 0, '垃圾分类未覆盖', '2026-10-20');
            INSERT INTO inspection_findings (inspection, criterion, met, note) VALUES (1, 6, 1, NULL);
            INSERT INTO inspection_findings (inspection, criterion, met, note) VALUES (1, 8, 0, '消防通道堵塞');
            """, new { community });
        var queries = new OpenFindingQueries(store.Database);

        // Act
        var before = await queries.OpenOnAsync(new DateOnly(2026, 10, 9), Ct);
        var during = await queries.OpenOnAsync(new DateOnly(2026, 10, 19), Ct);
        var after = await queries.OpenOnAsync(new DateOnly(2026, 10, 20), Ct);

        // Assert
        Assert.Empty(before);
        Assert.Equal([5L, 8L], during.Select(f => f.Criterion));
        var open = Assert.Single(after);
        Assert.Equal(("420100", community, "i1", new DateOnly(2026, 10, 10), 8L, "消防通道堵塞", (DateOnly?)new DateOnly(2026, 11, 10)),
            (open.Locality, open.Community, open.Inspection, open.VisitedOn, open.Criterion, open.Note, open.RectifyBy));
    }

    private static BulletinRecord Draft(string id, string month) =>
        new(id, month, BulletinRecord.Draft, "", null, null, null, s_now, "user:admin", null, null);

    private static async Task WriteAsync(DbConnection connection, Func<DbTransaction, Task> write)
    {
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await write(transaction);
        await transaction.CommitAsync(Ct);
    }
}
