namespace GreenCommunity.Dashboard.Components.Controls.Submit;

/// <summary>Problem paths in reading order: "rows[9]" before "rows[10]", "updates[2].stage" before "updates[10].community".</summary>
public sealed class ProblemPathOrder : IComparer<string>
{
    public static ProblemPathOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var (a, b) = (x ?? "", y ?? "");
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var (startA, startB) = (i, j);
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                {
                    i++;
                }
                while (j < b.Length && char.IsAsciiDigit(b[j]))
                {
                    j++;
                }
                var byNumber = CompareNumbers(a[startA..i], b[startB..j]);
                if (byNumber != 0)
                {
                    return byNumber;
                }
                continue;
            }
            if (a[i] != b[j])
            {
                return a[i].CompareTo(b[j]);
            }
            i++;
            j++;
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }

    /// <summary>Digits as numbers of any length: a shorter number (without leading zeros) is smaller.</summary>
    private static int CompareNumbers(string a, string b)
    {
        var (x, y) = (a.TrimStart('0'), b.TrimStart('0'));
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : string.CompareOrdinal(x, y);
    }
}
