using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Dashboard.Model;

/// <summary>
/// One locality's line in the overview table: its figures on the day shown, whether it reached each milestone (on
/// the milestone's due date once that has passed), and its distance to the target that matters on the day shown.
/// </summary>
public sealed record LocalityRow(Region Region, ProgressFigures Figures, bool PilotsMet, bool StartedMet, bool AcceptedMet, TargetDistance? Target);
