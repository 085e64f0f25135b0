using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Domain.Tests;

public sealed class RegionCodesTests
{
    [Theory]
    [InlineData(null, "420000")]
    [InlineData("", "420000")]
    [InlineData("42", "420000")]
    [InlineData("420000", "420000")]
    [InlineData("420100", "420100")]
    [InlineData("420102", "420102")]
    [InlineData("43", "43")]          // another province's prefix is not an alias: it is looked up, and not found
    public void Scope_TheProvincesAliasAndNothingElse_IsTheProvince(string? scope, string expected)
    {
        // Act
        var code = RegionCodes.Scope(scope, "420000");

        // Assert
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData(null, "000000")]
    [InlineData("", "000000")]
    [InlineData("42", "420000")]      // under the country every province's prefix names it
    [InlineData("11", "110000")]
    [InlineData("420100", "420100")]
    [InlineData("4201", "4201")]      // not a province's prefix: looked up as given, and not found
    public void Scope_UnderTheCountry_EachProvincesPrefixIsThatProvince(string? scope, string expected)
    {
        // Act
        var code = RegionCodes.Scope(scope, RegionTree.CountryCode);

        // Assert
        Assert.Equal(expected, code);
    }
}
