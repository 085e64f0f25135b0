using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain;
using GreenCommunity.Domain.Reporting;

namespace GreenCommunity.Data.Departments;

/// <summary>The departments, what they sent, and the first text of each duty (the one the compliance view counts).</summary>
public sealed class DepartmentQueries(StoreDatabase database)
{
    private const string DepartmentsSql = "SELECT code AS Code, name AS Name, name_en AS NameEn FROM departments ORDER BY position";

    private const string Columns =
        """
        submission_id AS SubmissionId, department AS Department, year AS Year, kind AS Kind, submitted_at AS SubmittedAt,
        submitted_by AS SubmittedBy, on_time AS OnTime, length(text) AS Length
        """;

    private const string ListSql =
        $"""
        SELECT {Columns}, '' AS Text FROM department_submissions
         WHERE @department IS NULL OR department = @department
         ORDER BY submitted_at DESC, id DESC
        """;

    private const string ByIdSql = $"SELECT {Columns}, text AS Text FROM department_submissions WHERE submission_id = @submissionId";

    private const string NewestSql =
        """
        SELECT submission_id FROM department_submissions
         WHERE department = @department AND year = @year AND kind = @kind
         ORDER BY submitted_at DESC, id DESC LIMIT 1
        """;

    // submitted_at is text of one format in UTC, so MIN and < compare as instants.
    private const string FirstReceiptsSql =
        """
        SELECT department AS Department, year AS Year, kind AS Kind, MIN(submitted_at) AS ReceivedAt
          FROM department_submissions
         WHERE submitted_at < @before
         GROUP BY department, year, kind
        """;

    /// <summary>The five departments, in the plan's order.</summary>
    public async Task<IReadOnlyList<Department>> DepartmentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<Department>(new CommandDefinition(DepartmentsSql, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    /// <summary>Every text sent, newest first, without the texts themselves: one department's, or all when null.</summary>
    public async Task<IReadOnlyList<DepartmentSubmission>> SubmissionsAsync(string? department, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SubmissionRow>(new CommandDefinition(ListSql, new { department }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToSubmission() with { Text = null })];   // '' in the SQL: a NULL column has no type to map
    }

    /// <summary>One text with its words exactly as sent; null when there is none with that id.</summary>
    public async Task<DepartmentSubmission?> GetAsync(string submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<SubmissionRow>(new CommandDefinition(ByIdSql, new { submissionId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToSubmission();
    }

    /// <summary>The id of the newest text sent for a department's duty (the one lists show first); null when none was.</summary>
    public async Task<string?> NewestIdAsync(string department, DepartmentDuty duty, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(NewestSql, new { department, year = duty.Year, kind = ApiNames.Of(duty.Kind) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The first text of each department's duty among those sent before <paramref name="before"/> (exclusive).</summary>
    public async Task<IReadOnlyList<DepartmentReceipt>> FirstReceiptsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ReceiptRow>(new CommandDefinition(FirstReceiptsSql,
            new { before = before.ToUniversalTime() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new DepartmentReceipt(r.Department, new DepartmentDuty(ApiNames.TryParse<DepartmentReportKind>(r.Kind, out var kind) ? kind : default, (int)r.Year), r.ReceivedAt))];
    }

    // Classes with setters, not positional records: Dapper matches a record's constructor by the columns' types, and
    // SQLite gives an expression's column (MIN, length) no type when no row comes back.
    private sealed class ReceiptRow
    {
        public string Department { get; init; } = "";

        public long Year { get; init; }

        public string Kind { get; init; } = "";

        public DateTimeOffset ReceivedAt { get; init; }
    }

    private sealed class SubmissionRow
    {
        public string SubmissionId { get; init; } = "";

        public string Department { get; init; } = "";

        public long Year { get; init; }

        public string Kind { get; init; } = "";

        public DateTimeOffset SubmittedAt { get; init; }

        public string SubmittedBy { get; init; } = "";

        public long OnTime { get; init; }

        public long Length { get; init; }

        public string? Text { get; init; }

        // The table's CHECK admits only annual and plan.
        public DepartmentSubmission ToSubmission() =>
            new(SubmissionId, Department, new DepartmentDuty(ApiNames.TryParse<DepartmentReportKind>(Kind, out var kind) ? kind : default, (int)Year),
                SubmittedAt, SubmittedBy, OnTime != 0, (int)Length, Text);
    }
}
