using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// Points between a report's steps where the writer awaits its caller. The app leaves them empty; tests hold a
/// report there to show what runs outside the write lock and what the write transaction checks again.
/// </summary>
public sealed class ReportWritePauses
{
    public static ReportWritePauses None { get; } = new();

    /// <summary>Inside validation: the stored state the report needs is read, its updates not judged yet; no lock is held.</summary>
    public Func<ReportSubmission, CancellationToken, Task> Validating { get; init; } = (_, _) => Task.CompletedTask;

    /// <summary>After a report was found valid, before the write lock is asked for.</summary>
    public Func<ReportSubmission, CancellationToken, Task> Validated { get; init; } = (_, _) => Task.CompletedTask;
}
