using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Domain.Reports;

/// <summary>
/// One community's news in a report: a stage (or none, to keep the stage) and any criteria assessed,
/// effective from a day. Criterion values are 1/0 for yes/no and a fraction 0..1 for criterion 12.
/// </summary>
public sealed record CommunityUpdate(string Community, Stage? Stage, DateOnly Effective, IReadOnlyDictionary<int, double> Criteria);
