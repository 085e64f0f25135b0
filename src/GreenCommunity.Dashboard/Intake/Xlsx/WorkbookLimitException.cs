namespace GreenCommunity.Dashboard.Intake.Xlsx;

/// <summary>A workbook went beyond one of its <see cref="WorkbookLimits"/>: the problem's code and the values its text names.</summary>
public sealed class WorkbookLimitException(string code, params object[] arguments) : Exception($"Workbook refused: {code}.")
{
    /// <summary>One of <see cref="Domain.Reports.ReportProblemCodes"/>.</summary>
    public string Code { get; } = code;

    public IReadOnlyList<object> Arguments { get; } = arguments;
}
