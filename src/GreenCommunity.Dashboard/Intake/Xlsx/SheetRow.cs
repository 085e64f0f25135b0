namespace GreenCommunity.Dashboard.Intake.Xlsx;

/// <summary>One row of a sheet: its number as Excel shows it, and its cells with a value by column (1 is A).</summary>
/// <param name="Cells">Text as string, numbers as double, booleans as bool, ISO date cells as DateTime; empty cells are left out.</param>
public sealed record SheetRow(int Number, IReadOnlyDictionary<int, object?> Cells);
