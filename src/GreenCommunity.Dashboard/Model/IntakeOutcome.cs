using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Model;

/// <summary>What the submit page shows after sending: the intake's result, with errors keyed as the user knows them (fields or sheet rows).</summary>
public sealed record IntakeOutcome(IntakeResult Result, ValidationErrors Errors);
