using System.Net;
using System.Text.Json;
using GreenCommunity.Dashboard.Tests.Shared;

namespace GreenCommunity.Dashboard.Tests.National;

/// <summary>
/// The app with Assets:Scope China, loaded with two provinces (Beijing 11 and Hubei 42) and the national demo history:
/// the country above them, province pages, the map only where boundary files exist, the country's words.
/// </summary>
public sealed class NationalFactory : DashboardFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Demo:Enabled"] = "true",
        ["Demo:Seed"] = "2021",
        ["Demo:LiveFeedSeconds"] = "0",
        ["Assets:Scope"] = "China",
        ["Assets:Provinces"] = "11,42",
        ["RateLimits:SignInPerMinute"] = "100000",
        ["RateLimits:ApiPerMinute"] = "100000",
    };
}

public sealed class NationalDeploymentTests(NationalFactory factory) : IClassFixture<NationalFactory>
{
    [Fact]
    public async Task Summary_NoScope_IsTheCountryWithItsProvincesAndTheirSum()
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Province);

        // Act
        using var summary = await GetJsonAsync(client, "/api/v1/summary");

        // Assert
        var root = summary.RootElement;
        Assert.Equal("000000", root.GetProperty("scope").GetString());
        Assert.Equal("全国", root.GetProperty("name").GetString());
        var children = root.GetProperty("children").EnumerateArray().ToList();
        Assert.Equal(["110000", "420000"], children.Select(c => c.GetProperty("scope").GetString()).Order());
        Assert.Equal(children.Sum(c => c.GetProperty("communities").GetInt32()), root.GetProperty("communities").GetInt32());
        Assert.Equal(children.Sum(c => c.GetProperty("accepted").GetInt32()), root.GetProperty("accepted").GetInt32());
        Assert.Equal(await factory.ScalarAsync<long>("SELECT COUNT(*) FROM communities"), root.GetProperty("communities").GetInt32());
        Assert.True(root.GetProperty("accepted").GetInt32() > 0, "the national demo history accepted communities");
    }

    [Fact]
    public async Task Summary_ProvincePrefixOnAPastDay_IsThatProvinceAsTheHistoryHadIt()
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Province);
        var started = await factory.ScalarAsync<long>(
            """
            SELECT COUNT(*) FROM communities c
             WHERE c.locality_code LIKE '11%'
               AND (SELECT e.stage FROM stage_events e WHERE e.community_code = c.code AND e.effective <= '2022-06-30'
                     ORDER BY e.effective DESC, e.id DESC LIMIT 1) > 0
            """);

        // Act
        using var beijing = await GetJsonAsync(client, "/api/v1/summary?scope=11&asOf=2022-06-30");

        // Assert
        var root = beijing.RootElement;
        Assert.Equal("110000", root.GetProperty("scope").GetString());
        Assert.Equal("北京市", root.GetProperty("name").GetString());
        Assert.Equal(started, root.GetProperty("communities").GetInt32() - root.GetProperty("notStarted").GetInt32());
    }

    [Fact]
    public async Task CommunityList_APrefectureOutsideHubei_ReconcilesWithItsSummary()
    {
        // Arrange
        using var client = factory.CreateClient(factory.Tokens.Province);
        using var summary = await GetJsonAsync(client, "/api/v1/summary?scope=110100");

        // Act
        using var list = await GetJsonAsync(client, "/api/v1/communities?locality=110100&pageSize=1");

        // Assert
        Assert.Equal(summary.RootElement.GetProperty("communities").GetInt32(), list.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Overview_TheCountry_SpeaksOfTheCountryAndSaysNoMapIsConfigured()
    {
        // Arrange
        using var client = await factory.SignedInClientAsync("admin");

        // Act
        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains("全国创建进度", page, StringComparison.Ordinal);
        Assert.DoesNotContain("全省创建进度", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"map-not-configured\"", page, StringComparison.Ordinal);
        Assert.Contains("北京市", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProvincePages_HubeiHasItsMap_BeijingSaysNone()
    {
        // Arrange
        using var client = await factory.SignedInClientAsync("admin");

        // Act
        var hubei = await client.GetAsync("/locality/420000", TestContext.Current.CancellationToken);
        var beijing = await client.GetAsync("/locality/110000", TestContext.Current.CancellationToken);
        var hubeiPage = await hubei.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var beijingPage = await beijing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, hubei.StatusCode);
        Assert.Equal(HttpStatusCode.OK, beijing.StatusCode);
        Assert.DoesNotContain("map-not-configured", hubeiPage, StringComparison.Ordinal);
        Assert.Contains("武汉市", hubeiPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"map-not-configured\"", beijingPage, StringComparison.Ordinal);
        Assert.Contains("返回全国", beijingPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalityPage_APrefectureOutsideHubei_ShowsItsCounties()
    {
        // Arrange
        using var client = await factory.SignedInClientAsync("admin");

        // Act
        var response = await client.GetAsync("/locality/110100", TestContext.Current.CancellationToken);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("东城区", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoCredentials_TwoProvinces_ATokenPerPrefectureAndHubeisCoordinators()
    {
        // Act
        var coordinators = await factory.QueryAsync<string>("SELECT user_name FROM users WHERE locality IS NOT NULL ORDER BY user_name");
        var prefectures = await factory.QueryAsync<string>("SELECT code FROM regions WHERE level = 2 ORDER BY code");

        // Assert
        Assert.Equal(["wuhan", "yichang"], coordinators);
        Assert.Equal(prefectures, factory.Tokens.Localities.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("110100", prefectures);
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
