using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Reports;

public enum ReportOutcomeKind
{
    /// <summary>Stored now.</summary>
    Stored,

    /// <summary>The same key and body came before: the first report is returned, nothing is applied again.</summary>
    Replayed,

    /// <summary>The key came before with a different body.</summary>
    KeyReused,

    /// <summary>Refused; nothing was written.</summary>
    Rejected,

    /// <summary>Outside the sender's right (another locality, or an acceptance from a locality); nothing was looked at or written.</summary>
    Forbidden,
}

/// <summary>The stored (or earlier stored) report, or every reason it was refused; a refused report leaves no trace.</summary>
public sealed record ReportOutcome(ReportOutcomeKind Kind, StoredReport? Stored, ValidationErrors Errors)
{
    public bool IsStored => Kind is ReportOutcomeKind.Stored;

    public static ReportOutcome Accepted(StoredReport stored) => new(ReportOutcomeKind.Stored, stored, new ValidationErrors());

    public static ReportOutcome Replay(StoredReport stored) => new(ReportOutcomeKind.Replayed, stored, new ValidationErrors());

    public static ReportOutcome KeyReused() => new(ReportOutcomeKind.KeyReused, null, new ValidationErrors());

    public static ReportOutcome Rejected(ValidationErrors errors) => new(ReportOutcomeKind.Rejected, null, errors);

    public static ReportOutcome Forbidden(IReadOnlyList<ReportProblem> problems)
    {
        var errors = new ValidationErrors();
        errors.AddRange(problems);
        return new(ReportOutcomeKind.Forbidden, null, errors);
    }
}
