namespace GreenCommunity.Domain.Progress;

/// <summary>
/// Stage counts of a region on a day. <see cref="Pilot"/> counts pilots not yet accepted;
/// <see cref="PilotsEver"/> counts every community that has been a pilot, accepted or not.
/// </summary>
public sealed record ProgressFigures(int Communities, int NotStarted, int Pilot, int InProgress, int Accepted, int PilotsEver)
{
    public static ProgressFigures Empty { get; } = new(0, 0, 0, 0, 0, 0);

    public int Started => Pilot + InProgress + Accepted;

    public double StartedRate => Communities == 0 ? 0 : (double)Started / Communities;

    public double AcceptedRate => Communities == 0 ? 0 : (double)Accepted / Communities;

    public ProgressFigures Add(ProgressFigures other) => new(
        Communities + other.Communities,
        NotStarted + other.NotStarted,
        Pilot + other.Pilot,
        InProgress + other.InProgress,
        Accepted + other.Accepted,
        PilotsEver + other.PilotsEver);
}
