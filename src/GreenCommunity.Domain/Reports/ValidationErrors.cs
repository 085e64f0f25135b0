namespace GreenCommunity.Domain.Reports;

/// <summary>Every problem with a report at once, in the order found, keyed by path (e.g. "updates[3].community").</summary>
public sealed class ValidationErrors
{
    private readonly List<ReportProblem> _problems = [];

    public bool IsEmpty => _problems.Count == 0;

    /// <summary>The number of paths with a problem.</summary>
    public int Count => _problems.Select(p => p.Path).Distinct(StringComparer.Ordinal).Count();

    public IReadOnlyList<ReportProblem> Problems => _problems;

    public void Add(string path, string code, params object[] arguments) => _problems.Add(new ReportProblem(path, code, arguments));

    public void Add(ReportProblem problem) => _problems.Add(problem);

    public void AddRange(IEnumerable<ReportProblem> problems) => _problems.AddRange(problems);

    /// <summary>Path → English texts: the API's <c>errors</c>.</summary>
    public IReadOnlyDictionary<string, string[]> ToDictionary() => ToDictionary(p => p.EnglishText);

    /// <summary>Path → codes: the API's <c>codes</c>, beside <see cref="ToDictionary()"/>.</summary>
    public IReadOnlyDictionary<string, string[]> ToCodes() => ToDictionary(p => p.Code);

    /// <summary>Path → texts made by <paramref name="text"/> (a language's).</summary>
    public IReadOnlyDictionary<string, string[]> ToDictionary(Func<ReportProblem, string> text)
    {
        var byPath = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var group in _problems.GroupBy(p => p.Path, StringComparer.Ordinal))
        {
            byPath[group.Key] = group.Select(text).ToArray();
        }
        return byPath;
    }
}
