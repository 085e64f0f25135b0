using Bunit;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Admin;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Dashboard.Storage;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Audit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using AuditPage = GreenCommunity.Dashboard.Components.Pages.Admin.Audit;

namespace GreenCommunity.Dashboard.Tests.Access;

/// <summary>An audit entry that names a stored report links to the report's page.</summary>
public sealed class AuditReportLinkTests : BunitContext, IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _factory;

    public AuditReportLinkTests(DashboardFactory factory)
    {
        _factory = factory;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddDashboardLocalization();
        Services.AddFromApp(factory.Services, features => features.AddDashboardStorage().AddDashboardAdministration());
        Services.AddScoped<ClientAddress>();
        var authorization = AddAuthorization();
        authorization.SetAuthorized("admin");
        authorization.SetRoles(DashboardRoles.Admin);
        authorization.SetClaims(new System.Security.Claims.Claim(DashboardClaims.UserId, "999999"));
    }

    [Fact]
    public async Task Render_AStoredReportsEntry_LinksToTheReportsPage()
    {
        // Arrange: the newest entry is the report's own, written with it
        var communities = await _factory.TakeNotStartedAsync("420500", 1);
        var reportId = (await LiveReports.StartAsync(_factory, "420500", communities, ReportBodies.Today)).Report!.ReportId;

        // Act
        var cut = Render<AuditPage>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(RecordLinks.Report(reportId), cut.Find($"td.audit-target a[data-report-link='{reportId}']").GetAttribute("href")));
    }

    [Theory]
    [InlineData("report.submit", "420100 0195abc", AuditOutcome.Allowed, "0195abc")]
    [InlineData("report.submit", "420100", AuditOutcome.Refused, null)]
    [InlineData("report.submit", "420100 ", AuditOutcome.Allowed, null)]
    [InlineData("token.revoke", "420100 0195abc", AuditOutcome.Allowed, null)]
    [InlineData("report.submit", null, AuditOutcome.Allowed, null)]
    public void ReportId_AnEntry_IsTheStoredReportItNames(string action, string? target, AuditOutcome outcome, string? reportId)
    {
        // Arrange
        var entry = new AuditEntry(DateTimeOffset.UnixEpoch, "admin", null, action, target, outcome, null);

        // Act
        var found = AuditReports.ReportId(entry);

        // Assert
        Assert.Equal(reportId, found);
    }
}
