using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Data.Reference;

/// <summary>The divisions, with one root (the province, or the country above the provinces of a national store).</summary>
public sealed class RegionQueries(StoreDatabase database)
{
    private const string Sql =
        """
        SELECT code AS Code, name AS Name, name_en AS NameEn, level AS Level, parent_code AS ParentCode
          FROM regions ORDER BY code
        """;

    public async Task<IReadOnlyList<Region>> GetAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<RegionRow>(new CommandDefinition(Sql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        // A national store holds 31 provinces without a parent: the country is put above them (never stored).
        return RegionTree.WithOneRoot(rows.Select(r => new Region(r.Code, r.Name, r.NameEn, (RegionLevel)r.Level, r.ParentCode)).ToList());
    }

    private sealed record RegionRow(string Code, string Name, string NameEn, long Level, string? ParentCode);
}
