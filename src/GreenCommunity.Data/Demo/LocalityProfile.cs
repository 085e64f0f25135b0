namespace GreenCommunity.Data.Demo;

/// <summary>How a locality behaves in the demo: its pace against the targets and its reporting discipline.</summary>
/// <param name="StartPace">1.0 meets the 30% started target exactly; below misses it.</param>
/// <param name="AcceptPace">1.0 meets the 60% accepted target exactly; below misses it.</param>
/// <param name="Pilots">Pilots chosen in 2021; 0 means the first pilot only comes in 2022.</param>
public sealed record LocalityProfile(double StartPace, double AcceptPace, int Pilots, double LateShare, double MissingShare);
