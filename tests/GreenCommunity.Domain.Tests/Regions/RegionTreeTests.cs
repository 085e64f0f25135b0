using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Domain.Tests.Regions;

public sealed class RegionTreeTests
{
    private static readonly Region s_hubei = new("420000", "湖北省", "Hubei", RegionLevel.Province, null);
    private static readonly Region s_wuhan = new("420100", "武汉市", "Wuhan", RegionLevel.Prefecture, "420000");
    private static readonly Region s_jiangan = new("420102", "江岸区", "Jiang'an", RegionLevel.County, "420100");
    private static readonly Region s_hunan = new("430000", "湖南省", "Hunan", RegionLevel.Province, null);
    private static readonly Region s_changsha = new("430100", "长沙市", "Changsha", RegionLevel.Prefecture, "430000");
    private static readonly Region s_furong = new("430102", "芙蓉区", "Furong", RegionLevel.County, "430100");

    private static ProgressFigures Figures(int communities, int started) => new(communities, communities - started, 0, started, 0, 0);

    [Fact]
    public void Build_OneProvince_ItIsTheRoot()
    {
        // Act
        var tree = ProgressTree.Build([s_hubei, s_wuhan, s_jiangan], new Dictionary<string, ProgressFigures> { ["420102"] = Figures(10, 4) });

        // Assert
        Assert.Equal("420000", tree.Region.Code);
        Assert.True(tree.Region.IsRoot);
        Assert.Equal(10, tree.Figures.Communities);
        Assert.Equal(["420100"], tree.Localities().Select(l => l.Region.Code));
    }

    [Fact]
    public void Build_SeveralProvinces_TheCountryAboveThem_AddsThemUp()
    {
        // Arrange
        var counties = new Dictionary<string, ProgressFigures> { ["420102"] = Figures(10, 4), ["430102"] = Figures(20, 5) };

        // Act
        var tree = ProgressTree.Build([s_hubei, s_wuhan, s_jiangan, s_hunan, s_changsha, s_furong], counties);

        // Assert
        Assert.Equal(RegionTree.CountryCode, tree.Region.Code);
        Assert.Equal(RegionLevel.Country, tree.Region.Level);
        Assert.Equal(["420000", "430000"], tree.Children.Select(c => c.Region.Code));
        Assert.All(tree.Children, c => Assert.Equal(RegionTree.CountryCode, c.Region.ParentCode));
        Assert.Equal((30, 9), (tree.Figures.Communities, tree.Figures.Started));
        Assert.Equal(["420100", "430100"], tree.Localities().Select(l => l.Region.Code));
        Assert.Equal("430000", tree.ParentOf("430100")!.Region.Code);
        Assert.Equal(RegionTree.CountryCode, tree.ParentOf("430000")!.Region.Code);
        Assert.Null(tree.ParentOf(RegionTree.CountryCode));
        Assert.Equal(["000000", "420000", "420100", "430000", "430100"], tree.DownTo(RegionLevel.Prefecture).Select(r => r.Region.Code));
    }

    [Fact]
    public void WithOneRoot_OneRootAlready_IsTheSameList()
    {
        // Arrange
        IReadOnlyList<Region> regions = [s_hubei, s_wuhan];

        // Act / Assert
        Assert.Same(regions, RegionTree.WithOneRoot(regions));
    }

    [Theory]
    [InlineData("420000", true)]
    [InlineData("110000", true)]
    [InlineData("000000", false)]
    [InlineData("420100", false)]
    [InlineData("42", false)]
    [InlineData(null, false)]
    public void IsProvinceCode_TwoDigitsAndFourZeros(string? code, bool expected) =>
        Assert.Equal(expected, RegionCodes.IsProvinceCode(code));
}
