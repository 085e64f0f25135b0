using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Actions;
using GreenCommunity.Domain;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reporting;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Departments;

/// <summary>A department's checked text, to store: the department it names, the duty, the text and the account that sends it.</summary>
/// <param name="SenderUserName">The department account sending it: it must still be that department's (checked in the write).</param>
public sealed record DepartmentSubmissionCommand(string Department, DepartmentDuty Duty, string Text, string SenderUserName, string Actor);

/// <summary>The answer to a stored text (201), the same text when replayed.</summary>
public sealed record DepartmentSubmissionAnswer(string SubmissionId, string Department, int Year, DepartmentReportKind Kind, DateTimeOffset SubmittedAt, bool OnTime);

/// <summary>
/// Stores a department's annual report or plan through <see cref="ActionWriter"/>: inside the write's transaction it
/// checks that the department exists and that the sender is that department's account, then stores the text exactly as
/// given with the moment it was stored and whether that was by the deadline. Every text is kept; the first of a duty counts.
/// </summary>
public static class DepartmentSubmissionWriter
{
    public const string Action = "department.submit";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string DepartmentsSql = "SELECT code FROM departments ORDER BY position";

    private const string SenderSql = "SELECT role AS Role, department AS Department FROM users WHERE lower(user_name) = lower(@name)";

    private const string InsertSql =
        """
        INSERT INTO department_submissions (submission_id, department, year, kind, text, submitted_at, submitted_by, on_time)
        VALUES (@SubmissionId, @Department, @Year, @Kind, @Text, @SubmittedAt, @SubmittedBy, @OnTime)
        """;

    public static string Location(string submissionId) => $"/department-reports/{submissionId}";

    public static ActionWrite Write(DepartmentSubmissionCommand command, Campaign campaign, TimeProvider clock) =>
        async (connection, transaction, cancellationToken) =>
        {
            var departments = (await connection.QueryAsync<string>(new CommandDefinition(DepartmentsSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
            if (!departments.Contains(command.Department, StringComparer.Ordinal))
            {
                var errors = new ValidationErrors();
                errors.Add("department", ReportProblemCodes.UnknownDepartment, string.Join(", ", departments));
                return ActionResult.Invalid(errors, command.Department);
            }
            if (await SenderProblemAsync(connection, transaction, command, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }
            // Milliseconds, as the store keeps instants: the answer reads the same when it is replayed.
            var now = clock.GetUtcNow();
            var at = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
            var answer = new DepartmentSubmissionAnswer(Guid.CreateVersion7(at).ToString("N"), command.Department, command.Duty.Year, command.Duty.Kind, at,
                command.Duty.IsOnTime(campaign, at));
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                answer.SubmissionId,
                answer.Department,
                answer.Year,
                Kind = ApiNames.Of(answer.Kind),
                command.Text,
                SubmittedAt = at,
                SubmittedBy = command.Actor,
                answer.OnTime,
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return ActionResult.Created(Location(answer.SubmissionId), JsonSerializer.Serialize(answer, s_json), $"{answer.Department} {answer.SubmissionId}",
                $"{ApiNames.Of(answer.Kind)} {answer.Year} {(answer.OnTime ? "on time" : "late")}, {command.Text.Length} characters");
        };

    /// <summary>The sender's account read in the write: it must be a department account, and this department's.</summary>
    private static async Task<ActionResult?> SenderProblemAsync(DbConnection connection, DbTransaction transaction, DepartmentSubmissionCommand command, CancellationToken cancellationToken)
    {
        var sender = await connection.QuerySingleOrDefaultAsync<SenderRow>(new CommandDefinition(SenderSql, new { name = command.SenderUserName }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (sender is not { Role: UserAccount.DepartmentRole, Department: { } own })
        {
            return ActionResult.Forbidden("department", ReportProblemCodes.NotADepartment);
        }
        return own == command.Department ? null : ActionResult.Forbidden("department", ReportProblemCodes.OutsideDepartment, own, command.Department);
    }

    private sealed record SenderRow(string Role, string? Department);
}
