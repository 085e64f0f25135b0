namespace GreenCommunity.Data.Reference;

/// <summary>
/// A small reader for the reference CSV files: a header row and plain comma-separated fields
/// (the NBS-derived files have no quoted fields; a quote is refused rather than misread).
/// </summary>
public sealed class CsvFile
{
    private CsvFile(IReadOnlyList<IReadOnlyDictionary<string, string>> rows) => Rows = rows;

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    public static async Task<CsvFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);
        if (lines.Length == 0)
        {
            throw new InvalidDataException($"{path} is empty.");
        }
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        var rows = new List<IReadOnlyDictionary<string, string>>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }
            if (lines[i].Contains('"', StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{path}:{i + 1}: quoted fields are not supported.");
            }
            var fields = lines[i].Split(',');
            if (fields.Length != header.Length)
            {
                throw new InvalidDataException($"{path}:{i + 1}: {fields.Length} fields, the header has {header.Length}.");
            }
            var row = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            for (var f = 0; f < header.Length; f++)
            {
                row[header[f]] = fields[f];
            }
            rows.Add(row);
        }
        return new CsvFile(rows);
    }
}
