using GreenCommunity.Dashboard.Configuration;
using GreenCommunity.Dashboard.Storage;
using GreenCommunity.Dashboard.Tests.Shared;

namespace GreenCommunity.Dashboard.Tests.Configuration;

/// <summary>A wrong setting stops the app at start-up with a message that names its key.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Assets:CampaignFile", "/nonexistent/campaign.json", "Assets:CampaignFile: no file")]
    [InlineData("Assets:CountyMapFile", "/nonexistent/counties.geojson", "Assets:CountyMapFile: no file")]
    [InlineData("Assets:Directory", "/nonexistent/assets", "Assets:Directory: no folder")]
    [InlineData("RateLimits:ApiPerMinute", "0", "ApiPerMinute")]
    [InlineData("Demo:LiveFeedSeconds", "-5", "LiveFeedSeconds")]
    public async Task Start_WithAWrongSetting_FailsNamingTheKey(string key, string value, string expected)
    {
        // Arrange
        await using var factory = new MisconfiguredFactory(key, value);

        // Act
        var failure = Record.Exception(() => factory.Server);

        // Assert
        Assert.NotNull(failure);
        Assert.Contains(expected, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithACampaignFileThatDoesNotParse_FailsNamingTheKey()
    {
        // Arrange
        var file = Path.Combine(Path.GetTempPath(), $"gc-campaign-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{ \"not\": \"a campaign\" }", TestContext.Current.CancellationToken);
        await using var factory = new MisconfiguredFactory("Assets:CampaignFile", file);

        // Act
        var failure = Record.Exception(() => factory.Server);

        // Assert
        File.Delete(file);
        Assert.NotNull(failure);
        Assert.Contains("Assets:CampaignFile", failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("is not a campaign definition", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HubeiStoreReadAsTheCountry_FailsNamingTheSettings()
    {
        // Arrange: the Hubei demo store, started with the national settings
        await using var factory = new MisconfiguredFactory("Assets:Scope", "China");
        factory.CopySeededStore();

        // Act
        var failure = Record.Exception(() => factory.Server);

        // Assert
        Assert.NotNull(failure);
        Assert.Contains("does not fit the settings: Assets:Scope is China with all provinces", failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("the store holds one province (42)", failure.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hubei", "", "420000", null)]
    [InlineData("Hubei", "", "110000,420000", "Assets:Scope is Hubei (one province) but the store holds 2 provinces (11,42)")]
    [InlineData("China", "", "110000,420000", null)]
    [InlineData("China", "", "420000", "Assets:Scope is China with all provinces (Assets:Provinces empty) but the store holds one province (42)")]
    [InlineData("China", "42, 11", "110000,420000", null)]
    [InlineData("China", "42", "110000,420000", "Assets:Provinces is 42 but the store holds 2 provinces (11,42): set Assets:Provinces=11,42")]
    [InlineData("China", "11", "420000", "Assets:Provinces is 11 but the store holds one province (42): set Assets:Provinces=42")]
    [InlineData("China", "11", "", null)]
    public void ScopeCheck_StoreAgainstSettings_NamesWhatDiffers(string scope, string provinces, string roots, string? expected)
    {
        // Arrange
        var assets = new AssetsOptions { Scope = Enum.Parse<ReferenceScope>(scope), Provinces = provinces };

        // Act
        var problem = StoreScopeCheck.Problem(assets, roots.Split(',', StringSplitOptions.RemoveEmptyEntries));

        // Assert
        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.NotNull(problem);
            Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        }
    }

    private sealed class MisconfiguredFactory(string key, string value) : DashboardFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Demo:Enabled"] = "false",
            ["Demo:LiveFeedSeconds"] = "0",
            [key] = value,
        };
    }
}
