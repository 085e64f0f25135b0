using System.Xml;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Intake.Xlsx;

/// <summary>
/// The XML readers' table of element and attribute names, bounded: a reader keeps every distinct name it meets for as
/// long as it lives, so a sheet of 100,000 made-up names of 500 characters would hold 100 MB. A real workbook uses a
/// few hundred names; past the limit the upload is refused.
/// </summary>
internal sealed class BoundedNameTable(int maxNames, int maxNameLength) : XmlNameTable
{
    private readonly NameTable _names = new();
    private int _count;

    public override string Add(char[] array, int offset, int length) =>
        _names.Get(array, offset, length) ?? Admit(length, () => _names.Add(array, offset, length));

    public override string Add(string array) => _names.Get(array) ?? Admit(array.Length, () => _names.Add(array));

    public override string? Get(char[] array, int offset, int length) => _names.Get(array, offset, length);

    public override string? Get(string array) => _names.Get(array);

    private string Admit(int length, Func<string> add)
    {
        if (length > maxNameLength || ++_count > maxNames)
        {
            throw new WorkbookLimitException(ReportProblemCodes.TooManyParts, maxNames);
        }
        return add();
    }
}
