using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Reports;

/// <summary>Either the stored report or every reason it was refused; a refused report leaves no trace.</summary>
public sealed record ReportOutcome(StoredReport? Stored, ValidationErrors Errors)
{
    public bool IsStored => Stored is not null;

    public static ReportOutcome Accepted(StoredReport stored) => new(stored, new ValidationErrors());

    public static ReportOutcome Rejected(ValidationErrors errors) => new(null, errors);
}
