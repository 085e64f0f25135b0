using System.IO.Compression;
using System.Text;
using Dapper;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Tests.Shared;

namespace GreenCommunity.Data.Tests.National;

public sealed class NationalReferenceLoaderTests
{
    [Fact]
    public async Task Load_TwoProvinces_HasEveryLevelAsTheFilesCountThem()
    {
        // Arrange
        string[] provinces = ["42", "54"];
        var expectedPrefectures = NationalTestStore.ReadCsv("cities.csv").Count(r => provinces.Contains(r["provinceCode"]));
        var expectedCounties = NationalTestStore.ReadCsv("areas.csv").Count(r => provinces.Contains(r["provinceCode"]));
        var expectedCommunities = NationalTestStore.ReadCsv("communities.csv.gz").Count(r => provinces.Contains(r["province_code"]));

        // Act
        await using var store = await NationalTestStore.CreateAsync(provinces);
        await using var connection = await store.Database.OpenAsync(TestContext.Current.CancellationToken);
        var levels = (await connection.QueryAsync<(long Level, long Count)>("SELECT level, COUNT(*) FROM regions GROUP BY level ORDER BY level")).ToList();
        var roots = (await connection.QueryAsync<(string Code, string Name, string NameEn)>("SELECT code, name, name_en FROM regions WHERE parent_code IS NULL ORDER BY code")).ToList();
        var notStarted = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM community_state WHERE stage = 0 AND pilot = 0 AND effective IS NULL AND criteria_met = 0 AND last_report IS NULL");

        // Assert: Hubei's 5,222 communities are the data's own figure (README of the data folder)
        Assert.Equal(new NationalReferenceCounts(2, expectedPrefectures, expectedCounties, expectedCommunities), store.Loaded);
        Assert.Equal([(1L, 2L), (2L, expectedPrefectures), (3L, expectedCounties)], levels);
        Assert.Equal([("420000", "湖北省", "湖北省"), ("540000", "西藏自治区", "西藏自治区")], roots);
        Assert.Equal(5222 + 273, expectedCommunities);
        Assert.Equal(expectedCommunities, await store.CountAsync("communities"));
        Assert.Equal(expectedCommunities, notStarted);
    }

    [Fact]
    public async Task Load_TwoProvinces_EveryCommunitySitsInItsCountyAndPrefecture()
    {
        // Arrange
        await using var store = await NationalTestStore.CreateAsync("42", "54");
        await using var connection = await store.Database.OpenAsync(TestContext.Current.CancellationToken);

        // Act: a community whose county is missing or not in its prefecture; a county or prefecture whose parent is missing
        var misplaced = await connection.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM communities c
              LEFT JOIN regions county ON county.code = c.county_code AND county.level = 3
              LEFT JOIN regions prefecture ON prefecture.code = c.locality_code AND prefecture.level = 2
             WHERE county.code IS NULL OR prefecture.code IS NULL OR county.parent_code <> prefecture.code
                OR substr(c.code, 1, 9) <> c.town_code OR substr(c.town_code, 1, 6) <> c.county_code
            """);
        var orphans = await connection.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM regions r LEFT JOIN regions p ON p.code = r.parent_code AND p.level = r.level - 1
             WHERE r.level > 1 AND p.code IS NULL
            """);
        var wuhan = await connection.QuerySingleAsync<(string Name, string Town, string County)>(
            "SELECT c.name, c.town_name, r.name FROM communities c JOIN regions r ON r.code = c.county_code AND r.level = 3 WHERE c.code = '420102002003'");

        // Assert
        Assert.Equal(0, misplaced);
        Assert.Equal(0, orphans);
        Assert.Equal("江岸区", wuhan.County);
        Assert.Equal("保成社区", wuhan.Name);
        Assert.Equal("大智街道", wuhan.Town);
    }

    [Fact]
    public async Task Load_CountyAndPrefectureWithTheSameCode_KeepsBoth()
    {
        // Arrange: 东莞市 is a prefecture-level unit (4419 → 441900) with no county level: its county-level unit is 441900 too
        await using var store = await NationalTestStore.CreateAsync("44");
        await using var connection = await store.Database.OpenAsync(TestContext.Current.CancellationToken);

        // Act
        var levels = (await connection.QueryAsync<(long Level, string? Parent)>("SELECT level, parent_code FROM regions WHERE code = '441900' ORDER BY level")).ToList();
        var communities = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM communities WHERE county_code = '441900' AND locality_code = '441900'");

        // Assert
        Assert.Equal([(2L, "440000"), (3L, "441900")], levels);
        Assert.True(communities > 0);
    }

    [Fact]
    public async Task Load_StoreWithReferenceData_IsRefusedAndWritesNothing()
    {
        // Arrange
        await using var store = await NationalTestStore.CreateAsync("54");
        var regions = await store.CountAsync("regions");
        var communities = await store.CountAsync("communities");

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.Loader().LoadAsync(["63"], TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("already holds reference data", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{communities} communities", error.Message, StringComparison.Ordinal);
        Assert.Equal(regions, await store.CountAsync("regions"));
        Assert.Equal(communities, await store.CountAsync("communities"));
        Assert.Equal(communities, await store.CountAsync("community_state"));
    }

    [Fact]
    public async Task Load_HubeiStore_IsRefusedAndWritesNothing()
    {
        // Arrange: the product's own store, Hubei loaded at start
        await using var hubei = await TestStore.CreateAsync();

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new NationalReferenceLoader(hubei.Database, NationalTestStore.Files).LoadAsync(null, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("5222 communities", error.Message, StringComparison.Ordinal);
        Assert.Equal(5222, await hubei.CountAsync("communities"));
        Assert.Equal(123, await hubei.CountAsync("regions"));
    }

    [Fact]
    public async Task Load_MissingFolder_IsRefusedNamingItAndWritesNothing()
    {
        // Arrange
        await using var store = await NationalTestStore.CreateAsync();
        var missing = Path.Combine(store.Directory, "no-such-folder");

        // Act
        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() =>
            store.Loader(new NationalDataFiles(missing)).LoadAsync(null, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.CountAsync("regions"));
    }

    [Fact]
    public async Task Load_MissingFile_IsRefusedNamingItAndWritesNothing()
    {
        // Arrange: a folder with every file but the communities
        await using var store = await NationalTestStore.CreateAsync();
        var folder = Path.Combine(store.Directory, "partial");
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "provinces.csv", "cities.csv", "areas.csv", "streets.csv.gz" })
        {
            File.Copy(Path.Combine(NationalTestStore.DataDirectory, name), Path.Combine(folder, name));
        }

        // Act
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            store.Loader(new NationalDataFiles(folder)).LoadAsync(null, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("communities.csv.gz", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.CountAsync("regions"));
    }

    [Fact]
    public async Task Load_CommunityOutsideItsCounty_IsRefusedWithItsLineAndWritesNothing()
    {
        // Arrange: a good community, then one whose county (110102) is not the one its code and town say (110101)
        await using var store = await NationalTestStore.CreateAsync();
        var folder = Path.Combine(store.Directory, "bad");
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "provinces.csv", "cities.csv", "areas.csv", "streets.csv.gz" })
        {
            File.Copy(Path.Combine(NationalTestStore.DataDirectory, name), Path.Combine(folder, name));
        }
        await using (var gzip = new GZipStream(File.Create(Path.Combine(folder, "communities.csv.gz")), CompressionLevel.Fastest))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(
                "code,name,town_code,province_code,prefecture_code,county_code\n"
                + "110101001001,多福巷社区居委会,110101001,11,1101,110101\n"
                + "110101001002,银闸社区居委会,110101001,11,1101,110102\n"), TestContext.Current.CancellationToken);
        }

        // Act
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            store.Loader(new NationalDataFiles(folder)).LoadAsync(null, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("communities.csv.gz:3: community 110101001002", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.CountAsync("regions"));
        Assert.Equal(0, await store.CountAsync("communities"));
    }

    [Fact]
    public async Task Load_UnknownProvince_IsRefusedAndWritesNothing()
    {
        // Arrange
        await using var store = await NationalTestStore.CreateAsync();

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.Loader().LoadAsync(["42", "99"], TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("'99'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.CountAsync("regions"));
    }
}
