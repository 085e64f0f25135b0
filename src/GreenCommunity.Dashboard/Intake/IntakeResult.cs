using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Intake;

public enum IntakeStatus
{
    Stored,
    Replayed,
    Invalid,
    Forbidden,
    KeyReused,
    KeyInFlight,
}

/// <summary>What the intake did with a report, for the API, the submit page and the upload to turn into a response.</summary>
public sealed record IntakeResult(IntakeStatus Status, StoredReport? Report, ValidationErrors Errors);
