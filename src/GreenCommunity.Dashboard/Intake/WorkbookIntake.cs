using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Intake;

/// <summary>What an uploaded workbook came to: the intake's result, its problems keyed by sheet row, and how many rows had something to report.</summary>
public sealed record WorkbookOutcome(IntakeResult Result, ValidationErrors Errors, int RowsRead);

/// <summary>
/// The Excel door: reads a filled template, gives its rows the header the page's form gives, and submits it
/// through <see cref="ReportIntake"/> whole or not at all. Problems name sheet rows ("rows[5].stage"), as the user sees them.
/// </summary>
public sealed class WorkbookIntake(ReportIntake intake) : IDisposable
{
    public const int MaxFileMegabytes = 5;

    public const long MaxFileBytes = MaxFileMegabytes * 1024L * 1024L;

    /// <summary>Workbooks read at once; others wait their turn (holding only their upload), so that many uploads together stay bounded in memory too.</summary>
    public const int MaxConcurrentReads = 2;

    private readonly SemaphoreSlim _reading = new(MaxConcurrentReads, MaxConcurrentReads);

    /// <param name="header">The report without updates (locality, kind, period, sender); the sheet gives the updates.</param>
    /// <param name="key">The upload's idempotency key: the same file sent twice is one report.</param>
    public async Task<WorkbookOutcome> SubmitAsync(Stream upload, long size, ReportSubmission header, SubmitterScope scope, string client, string key, Actor actor, CancellationToken cancellationToken)
    {
        if (size > MaxFileBytes)
        {
            return Refused(Problem("file", ReportProblemCodes.FileTooLarge, MaxFileMegabytes), 0);
        }
        // The reader needs a stream it can seek (a zip's directory is at its end); the copy stops past the limit
        // whatever size the caller was told.
        using var buffer = new MemoryStream((int)Math.Clamp(size, 0, MaxFileBytes));
        if (!await CopyAtMostAsync(upload, buffer, MaxFileBytes, cancellationToken))
        {
            return Refused(Problem("file", ReportProblemCodes.FileTooLarge, MaxFileMegabytes), 0);
        }
        buffer.Position = 0;
        WorkbookContent content;
        await _reading.WaitAsync(cancellationToken);
        try
        {
            content = ReportWorkbook.Read(buffer);
        }
        finally
        {
            _reading.Release();
        }
        if (!content.Errors.IsEmpty)
        {
            return Refused(content.Errors, content.Updates.Count);
        }
        var report = header with { Updates = content.Updates };
        // A write is not cancelled half-way by the page closing: the intake answers it whole.
        var result = await intake.SubmitAsync(report, scope, ReportIntake.ClaimFor(client, key, report), null, actor, CancellationToken.None);
        return new WorkbookOutcome(result, ReportWorkbook.ToRowErrors(result.Errors, content.RowNumbers), content.Updates.Count);
    }

    public void Dispose() => _reading.Dispose();

    /// <summary>Copies the upload; false once it holds more than <paramref name="limit"/> bytes.</summary>
    private static async Task<bool> CopyAtMostAsync(Stream source, MemoryStream target, long limit, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (target.Length + read > limit)
            {
                return false;
            }
            target.Write(chunk, 0, read);
        }
        return true;
    }

    private static ValidationErrors Problem(string path, string code, params object[] arguments)
    {
        var errors = new ValidationErrors();
        errors.Add(path, code, arguments);
        return errors;
    }

    private static WorkbookOutcome Refused(ValidationErrors errors, int rowsRead) =>
        new(new IntakeResult(IntakeStatus.Invalid, null, errors), errors, rowsRead);
}
