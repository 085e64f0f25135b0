namespace GreenCommunity.Dashboard.Resources;

/// <summary>
/// The localizer's key for report problems' texts: Problems.zh-Hans.resx holds the Chinese text of each
/// <see cref="Domain.Reports.ReportProblemCodes">code</see>; English is the Domain's own (the API's).
/// </summary>
public sealed class Problems;
