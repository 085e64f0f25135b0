using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Intake.Xlsx;

/// <summary>
/// The bytes all parts of one workbook may inflate to, shared by the parts read. A zip's directory states each
/// entry's size, but it can lie: the size is checked from the directory first and then counted while inflating.
/// </summary>
internal sealed class UnpackedBudget(WorkbookLimits limits)
{
    private long _used;

    /// <summary>Refuses a part whose stated size is already beyond what is left, then counts what it really inflates to.</summary>
    public Stream Open(System.IO.Compression.ZipArchiveEntry entry)
    {
        if (entry.Length > limits.MaxUnpackedBytes - _used)
        {
            throw TooLarge();
        }
        return new CountingStream(entry.Open(), this);
    }

    private void Spend(int bytes)
    {
        _used += bytes;
        if (_used > limits.MaxUnpackedBytes)
        {
            throw TooLarge();
        }
    }

    private WorkbookLimitException TooLarge() => new(ReportProblemCodes.WorkbookTooLarge, limits.MaxUnpackedMegabytes);

    /// <summary>A read-only stream that spends the budget as it is read.</summary>
    private sealed class CountingStream(Stream inner, UnpackedBudget budget) : ReadFilterStream(inner)
    {
        public override int Read(Span<byte> buffer)
        {
            var read = Inner.Read(buffer);
            budget.Spend(read);
            return read;
        }
    }
}
