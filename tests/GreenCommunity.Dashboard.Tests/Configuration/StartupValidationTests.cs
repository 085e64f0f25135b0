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
