namespace GreenCommunity.Data.Progress;

/// <summary>Started and accepted counts of one region at one month's end.</summary>
public sealed record MonthlyPoint(DateOnly Day, int Communities, int Started, int Accepted)
{
    public double StartedRate => Communities == 0 ? 0 : (double)Started / Communities;

    public double AcceptedRate => Communities == 0 ? 0 : (double)Accepted / Communities;
}
