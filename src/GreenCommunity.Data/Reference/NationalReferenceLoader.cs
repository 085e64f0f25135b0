using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Data.Reference;

/// <summary>What the national loader put in the store.</summary>
public sealed record NationalReferenceCounts(int Provinces, int Prefectures, int Counties, int Communities);

/// <summary>
/// Loads the whole country's reference data (<see cref="NationalDataFiles"/>) into an empty store, on either engine:
/// the provinces (level 1, no parent), their prefecture-level units (level 2) and county-level units (level 3) with the
/// store's six-digit codes ("42" → 420000, "4201" → 420100), every urban community with its county, prefecture and town,
/// and each community's present state, "not started" — what <see cref="ReferenceDataLoader"/> fills for Hubei. The files
/// carry no English or pinyin names, so a region's English name is its Chinese one. County-level units without
/// communities are kept. Optionally only some provinces (their two-digit codes). All of it in one write transaction:
/// on SQLite one prepared statement per table, on PostgreSQL a binary COPY.
/// </summary>
public sealed partial class NationalReferenceLoader(StoreDatabase database, NationalDataFiles files)
{
    private const string ExistingSql = "SELECT (SELECT COUNT(*) FROM regions) AS Regions, (SELECT COUNT(*) FROM communities) AS Communities";

    private const string StatesSql = "INSERT INTO community_state (community_code) SELECT code FROM communities";

    private static readonly (string, BulkType)[] s_regionColumns =
        [("code", BulkType.Text), ("level", BulkType.Integer), ("name", BulkType.Text), ("name_en", BulkType.Text), ("parent_code", BulkType.Text)];

    private static readonly (string, BulkType)[] s_communityColumns =
        [("code", BulkType.Text), ("name", BulkType.Text), ("county_code", BulkType.Text), ("locality_code", BulkType.Text), ("town_code", BulkType.Text), ("town_name", BulkType.Text)];

    /// <summary>
    /// Loads the files, or only the provinces whose two-digit codes are in <paramref name="provinces"/> (null or empty: all).
    /// Refuses, writing nothing, a folder or file that is missing, data that does not fit the division tree, an unknown
    /// province, or a store that already holds regions or communities.
    /// </summary>
    public async Task<NationalReferenceCounts> LoadAsync(IReadOnlyCollection<string>? provinces, CancellationToken cancellationToken)
    {
        files.RequireAll();
        var divisions = Read(provinces is { Count: > 0 } ? provinces.ToHashSet(StringComparer.Ordinal) : null);

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var existing = await connection.QuerySingleAsync<(long Regions, long Communities)>(new CommandDefinition(ExistingSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (existing.Regions > 0 || existing.Communities > 0)
        {
            throw new InvalidOperationException(
                $"The store {database.Location} already holds reference data ({existing.Regions} regions, {existing.Communities} communities); the national data loads into an empty store only.");
        }
        await WriteAsync(connection, transaction, "regions", s_regionColumns, divisions.Regions, (rows, r) =>
            rows.Text(r.Code).Integer((long)r.Level).Text(r.Name).Text(r.NameEn).Text(r.ParentCode), cancellationToken).ConfigureAwait(false);
        await WriteAsync(connection, transaction, "communities", s_communityColumns, divisions.Communities, (rows, c) =>
            rows.Text(c.Code).Text(c.Name).Text(c.County).Text(c.Locality).Text(c.Town).Text(c.TownName), cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(StatesSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        return new NationalReferenceCounts(
            divisions.Regions.Count(r => r.Level == RegionLevel.Province), divisions.Regions.Count(r => r.Level == RegionLevel.Prefecture),
            divisions.Regions.Count(r => r.Level == RegionLevel.County), divisions.Communities.Count);
    }

    private static async Task WriteAsync<T>(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<(string, BulkType)> columns,
        IEnumerable<T> items, Action<BulkRows, T> row, CancellationToken cancellationToken)
    {
        await using var rows = await BulkRows.OpenAsync(connection, transaction, table, columns, cancellationToken).ConfigureAwait(false);
        foreach (var item in items)
        {
            row(rows, item);
            await rows.EndRowAsync(cancellationToken).ConfigureAwait(false);
        }
        await rows.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The files as the store's rows, each one checked against the tree above it.</summary>
    private Divisions Read(IReadOnlySet<string>? wanted)
    {
        var regions = new List<Region>();
        var provinceNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (row, line) in NationalCsv.Read(files.Provinces, "code", "name"))
        {
            Require(Digits(2).IsMatch(row[0]), files.Provinces, line, $"province code '{row[0]}' is not two digits");
            provinceNames[row[0]] = row[1];
        }
        if (wanted?.FirstOrDefault(p => !provinceNames.ContainsKey(p)) is { } unknown)
        {
            throw new ArgumentException($"No province '{unknown}' in {files.Provinces}: give two-digit codes such as 42.", nameof(wanted));
        }
        bool Included(string province) => wanted is null || wanted.Contains(province);

        foreach (var (code, name) in provinceNames.Where(p => Included(p.Key)))
        {
            regions.Add(new Region(code + "0000", name, name, RegionLevel.Province, null));
        }
        var prefectures = new Dictionary<string, string>(StringComparer.Ordinal);   // four digits → province
        foreach (var (row, line) in NationalCsv.Read(files.Prefectures, "code", "name", "provinceCode"))
        {
            Require(Digits(4).IsMatch(row[0]) && row[0].StartsWith(row[2], StringComparison.Ordinal) && provinceNames.ContainsKey(row[2]),
                files.Prefectures, line, $"prefecture {row[0]} does not fit the division tree");
            prefectures[row[0]] = row[2];
            if (Included(row[2]))
            {
                regions.Add(new Region(row[0] + "00", row[1], row[1], RegionLevel.Prefecture, row[2] + "0000"));
            }
        }
        var counties = new Dictionary<string, string>(StringComparer.Ordinal);   // six digits → prefecture (four digits)
        foreach (var (row, line) in NationalCsv.Read(files.Counties, "code", "name", "cityCode", "provinceCode"))
        {
            Require(RegionCodes.IsRegionCode(row[0]) && prefectures.TryGetValue(row[2], out var province) && province == row[3],
                files.Counties, line, $"county-level unit {row[0]} does not fit the division tree");
            counties[row[0]] = row[2];
            if (Included(row[3]))
            {
                regions.Add(new Region(row[0], row[1], row[1], RegionLevel.County, row[2] + "00"));
            }
        }
        var towns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (row, _) in NationalCsv.Read(files.Towns, "code", "name"))
        {
            towns[row[0]] = row[1];
        }
        var communities = new List<CommunityRow>();
        foreach (var (row, line) in NationalCsv.Read(files.Communities, "code", "name", "town_code", "province_code", "prefecture_code", "county_code"))
        {
            if (!Included(row[3]))
            {
                continue;
            }
            var (code, town, county) = (row[0], row[2], row[5]);
            Require(RegionCodes.IsCommunityCode(code) && code.StartsWith(town, StringComparison.Ordinal) && town.StartsWith(county, StringComparison.Ordinal)
                && counties.TryGetValue(county, out var prefecture) && prefecture == row[4] && prefectures[prefecture] == row[3] && towns.ContainsKey(town),
                files.Communities, line, $"community {code} does not fit the division tree");
            communities.Add(new CommunityRow(code, row[1], county, row[4] + "00", town, towns[town]));
        }
        return new Divisions(regions, communities);
    }

    private static void Require(bool condition, string path, int line, string problem)
    {
        if (!condition)
        {
            throw new InvalidDataException($"{path}:{line}: {problem}.");
        }
    }

    private static Regex Digits(int count) => count == 2 ? TwoDigits() : FourDigits();

    [GeneratedRegex("^[0-9]{2}$")]
    private static partial Regex TwoDigits();

    [GeneratedRegex("^[0-9]{4}$")]
    private static partial Regex FourDigits();

    private sealed record Divisions(List<Region> Regions, List<CommunityRow> Communities);

    private sealed record CommunityRow(string Code, string Name, string County, string Locality, string Town, string TownName);
}
