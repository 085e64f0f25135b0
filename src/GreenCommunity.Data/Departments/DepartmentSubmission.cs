using GreenCommunity.Domain.Reporting;

namespace GreenCommunity.Data.Departments;

/// <summary>
/// A text a department sent, as stored: <see cref="Text"/> exactly as sent (null in lists, which do not carry it).
/// <see cref="OnTime"/> is by the duty's deadline (30 November 23:59:59 China Standard Time of <see cref="DepartmentDuty.Year"/>).
/// </summary>
public sealed record DepartmentSubmission(string SubmissionId, string Department, DepartmentDuty Duty, DateTimeOffset SubmittedAt,
    string SubmittedBy, bool OnTime, int Length, string? Text);
