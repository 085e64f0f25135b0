using System.Text.Json;
using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Data.Reference;

/// <summary>
/// Loads Hubei's divisions (province → 17 localities → 105 county-level units) and its 5,222 urban
/// communities from the NBS-derived files on first start, and gives every community a "not started" state.
/// </summary>
public sealed class ReferenceDataLoader(StoreDatabase database, ReferenceDataFiles files)
{
    /// <summary>Loads the files into an empty database; returns false when reference data is already there.</summary>
    public async Task<bool> LoadIfEmptyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var existing = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM regions", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (existing > 0)
        {
            return false;
        }

        var regions = await ReadRegionsAsync(cancellationToken).ConfigureAwait(false);
        var communities = await ReadCommunitiesAsync(regions, cancellationToken).ConfigureAwait(false);

        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO regions (code, name, name_en, level, parent_code) VALUES (@Code, @Name, @NameEn, @Level, @ParentCode)",
            regions.Select(r => new { r.Code, r.Name, r.NameEn, Level = (int)r.Level, r.ParentCode }), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO communities (code, name, county_code, locality_code, town_code, town_name)
            VALUES (@Code, @Name, @CountyCode, @LocalityCode, @TownCode, @TownName)
            """, communities, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO community_state (community_code) SELECT code FROM communities",
            transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<List<Region>> ReadRegionsAsync(CancellationToken cancellationToken)
    {
        var english = await ReadEnglishNamesAsync(cancellationToken).ConfigureAwait(false);
        await using var stream = File.OpenRead(files.Divisions);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        var provinceCode = root.GetProperty("code").GetString()!;
        var regions = new List<Region> { NewRegion(provinceCode, root.GetProperty("name").GetString()!, RegionLevel.Province, null, english) };
        foreach (var prefecture in root.GetProperty("prefectures").EnumerateArray())
        {
            var code = prefecture.GetProperty("code").GetString()!;
            regions.Add(NewRegion(code, prefecture.GetProperty("name").GetString()!, RegionLevel.Prefecture, provinceCode, english));
            foreach (var county in prefecture.GetProperty("counties").EnumerateArray())
            {
                regions.Add(NewRegion(county.GetProperty("code").GetString()!, county.GetProperty("name").GetString()!, RegionLevel.County, code, english));
            }
        }
        return regions;
    }

    private static Region NewRegion(string code, string name, RegionLevel level, string? parent, IReadOnlyDictionary<string, string> english) =>
        new(code, name, english.GetValueOrDefault(code, name), level, parent);

    private async Task<Dictionary<string, string>> ReadEnglishNamesAsync(CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in (await CsvFile.ReadAsync(files.EnglishNames, cancellationToken).ConfigureAwait(false)).Rows)
        {
            names[row["code"]] = row["name_en"];
        }
        return names;
    }

    private async Task<List<CommunityRow>> ReadCommunitiesAsync(IReadOnlyList<Region> regions, CancellationToken cancellationToken)
    {
        var counties = regions.Where(r => r.Level == RegionLevel.County).ToDictionary(r => r.Code, StringComparer.Ordinal);
        var csv = await CsvFile.ReadAsync(files.Communities, cancellationToken).ConfigureAwait(false);
        var rows = new List<CommunityRow>(csv.Rows.Count);
        foreach (var (row, line) in csv.Rows.Select((r, i) => (r, i + 2)))
        {
            var code = row["code"];
            var county = row["county_code"];
            if (!RegionCodes.IsCommunityCode(code) || !counties.TryGetValue(county, out var countyRegion) || countyRegion.ParentCode != row["prefecture_code"])
            {
                throw new InvalidDataException($"{files.Communities}:{line}: community {code} does not fit the division tree.");
            }
            rows.Add(new CommunityRow(code, row["name"], county, row["prefecture_code"], row["town_code"], row["town_name"]));
        }
        return rows;
    }

    private sealed record CommunityRow(string Code, string Name, string CountyCode, string LocalityCode, string TownCode, string TownName);
}
