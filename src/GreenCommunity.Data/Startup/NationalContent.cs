using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Reference;

namespace GreenCommunity.Data.Startup;

/// <summary>
/// What a national store is filled with instead of Hubei's: the country's reference data (or some provinces'), and in
/// demo mode the national demo history written in bulk rather than played report by report.
/// </summary>
public sealed record NationalContent(NationalReferenceLoader Loader, IReadOnlyCollection<string> Provinces, NationalDemoHistory History);
