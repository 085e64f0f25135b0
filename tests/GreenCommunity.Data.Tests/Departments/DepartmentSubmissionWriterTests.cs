using System.Text.Json;
using Dapper;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Actions;
using GreenCommunity.Data.Departments;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Reporting;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.Departments;

/// <summary>Departments' texts through the shared write path: kept exactly, judged by 30 November CST, the first counted.</summary>
public sealed class DepartmentSubmissionWriterTests : IAsyncLifetime
{
    private static readonly TimeSpan s_china = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset s_lastSecond = new(2026, 11, 30, 23, 59, 59, s_china);
    private static readonly DepartmentDuty s_annual2026 = new(DepartmentReportKind.Annual, 2026);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gc-tests-" + Guid.NewGuid().ToString("N"));
    private StoreDatabase _database = null!;
    private ActionWriter _writer = null!;
    private DepartmentQueries _queries = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _database = await TestDatabases.CreateAsync(_directory);
        await new DatabaseMigrator(_database).MigrateAsync(Ct);
        var users = new UserStore(_database, TimeProvider.System);
        await users.CreateAsync(new NewAccount("dept-fgw", "省发展改革委", UserAccount.DepartmentRole, null, "fgw"), "a-departments-password", false, Ct);
        await users.CreateAsync(new NewAccount("dept-mz", "省民政厅", UserAccount.DepartmentRole, null, "mz"), "a-departments-password", false, Ct);
        await users.CreateAsync("leader", "省领导", UserAccount.ViewerRole, null, "a-viewers-password", Ct);
        _writer = new ActionWriter(_database);
        _queries = new DepartmentQueries(_database);
    }

    public async ValueTask DisposeAsync()
    {
        _writer.Dispose();
        await TestDatabases.DropAsync(_database);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Write_AtTheLastSecondAndOneSecondLater_IsOnTimeThenLateAndTheFirstCounts()
    {
        // Arrange
        const string text = "第一行\r\n  缩进的第二行\t<script>alert('x')</script>\n\n末行 ";

        // Act
        var first = await WriteAsync("dept-fgw", "fgw", s_annual2026, text, s_lastSecond);
        var second = await WriteAsync("dept-fgw", "fgw", s_annual2026, "修订稿", s_lastSecond.AddSeconds(1));
        var late = await WriteAsync("dept-mz", "mz", s_annual2026, "迟交", s_lastSecond.AddSeconds(1));

        // Assert
        Assert.Equal([201, 201, 201], new[] { first.Status, second.Status, late.Status });
        var firstId = JsonDocument.Parse(first.Response!).RootElement.GetProperty("submissionId").GetString()!;
        Assert.True(JsonDocument.Parse(first.Response!).RootElement.GetProperty("onTime").GetBoolean());
        Assert.False(JsonDocument.Parse(second.Response!).RootElement.GetProperty("onTime").GetBoolean());
        var stored = await _queries.GetAsync(firstId, Ct);
        Assert.Equal(text, stored!.Text);
        Assert.True(stored.OnTime);
        Assert.Equal(s_lastSecond, stored.SubmittedAt);
        var receipts = await _queries.FirstReceiptsAsync(s_lastSecond.AddDays(2), Ct);
        var board = DepartmentBoard.Build(TestStore.Campaign, new DateOnly(2026, 12, 1), ["fgw", "mz", "ga"], receipts);
        Assert.Equal(ComplianceState.OnTime, board.Rows[0][s_annual2026].State);
        Assert.Equal(ComplianceState.Late, board.Rows[1][s_annual2026].State);
        Assert.Equal(ComplianceState.Missing, board.Rows[2][s_annual2026].State);
        Assert.Equal(JsonDocument.Parse(second.Response!).RootElement.GetProperty("submissionId").GetString(), await _queries.NewestIdAsync("fgw", s_annual2026, Ct));
        Assert.Equal(3, (await _queries.SubmissionsAsync(null, Ct)).Count);
        Assert.Equal(2, (await _queries.SubmissionsAsync("fgw", Ct)).Count);
    }

    [Theory]
    [InlineData("dept-fgw", "mz", ReportProblemCodes.OutsideDepartment)]
    [InlineData("leader", "fgw", ReportProblemCodes.NotADepartment)]
    [InlineData("nobody", "fgw", ReportProblemCodes.NotADepartment)]
    public async Task Write_FromAnotherAccount_IsForbiddenAndWritesNothing(string sender, string department, string code)
    {
        // Act
        var result = await WriteAsync(sender, department, s_annual2026, "正文", s_lastSecond);

        // Assert
        Assert.Equal(ActionResultKind.Forbidden, result.Kind);
        Assert.Equal([code], result.Errors.ToCodes()["department"]);
        Assert.Equal(0L, await CountAsync("department_submissions"));
        Assert.Equal(0L, await CountAsync("audit_log"));
    }

    [Fact]
    public async Task Write_AnUnknownDepartment_IsInvalidAndWritesNothing()
    {
        // Act
        var result = await WriteAsync("dept-fgw", "zjt", s_annual2026, "正文", s_lastSecond);

        // Assert
        Assert.Equal(400, result.Status);
        Assert.Equal([ReportProblemCodes.UnknownDepartment], result.Errors.ToCodes()["department"]);
        Assert.Equal(0L, await CountAsync("department_submissions"));
    }

    private async Task<ActionResult> WriteAsync(string sender, string department, DepartmentDuty duty, string text, DateTimeOffset at)
    {
        var receipt = new ActionReceipt(DepartmentSubmissionWriter.Action, $"user:{sender}", null, at, null, null);
        var command = new DepartmentSubmissionCommand(department, duty, text, sender, receipt.Actor);
        return await _writer.WriteAsync(receipt, DepartmentSubmissionWriter.Write(command, TestStore.Campaign, new FixedClock(at)), Ct);
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = await _database.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }
}
