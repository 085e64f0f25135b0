using System.Net;
using GreenCommunity.Dashboard.Tests.Shared;

namespace GreenCommunity.Dashboard.Tests.DepartmentReports;

/// <summary>Who opens which page: a department account reads like a viewer, and never reaches the localities' submit page.</summary>
public sealed class DepartmentPageAccessTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData("dept-fgw", "/department-reports", HttpStatusCode.OK)]
    [InlineData("dept-fgw", "/compliance", HttpStatusCode.OK)]
    [InlineData("dept-fgw", "/", HttpStatusCode.OK)]
    [InlineData("dept-fgw", "/communities", HttpStatusCode.OK)]
    [InlineData("dept-fgw", "/reports/submit", HttpStatusCode.Redirect)]
    [InlineData("dept-fgw", "/admin/accounts", HttpStatusCode.Redirect)]
    [InlineData("admin", "/department-reports", HttpStatusCode.OK)]
    [InlineData("leader", "/department-reports", HttpStatusCode.OK)]
    [InlineData("wuhan", "/department-reports", HttpStatusCode.OK)]
    public async Task Get_SignedInAs_OpensOrIsDenied(string userName, string path, HttpStatusCode expected)
    {
        // Arrange
        using var client = await factory.SignedInClientAsync(userName);

        // Act
        using var response = await client.GetAsync(path, Xunit.TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.Equal("/account/denied", response.Headers.Location!.AbsolutePath);
        }
    }

    [Fact]
    public async Task Get_DepartmentReportsAnonymously_GoesToSignIn()
    {
        // Arrange
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Act
        using var response = await client.GetAsync("/department-reports", Xunit.TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
