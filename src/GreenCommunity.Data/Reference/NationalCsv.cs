using System.IO.Compression;
using System.Text;

namespace GreenCommunity.Data.Reference;

/// <summary>
/// Reads the national reference files (plain or gzip CSV with a header row): the columns asked for, by name, in the order
/// asked, each with its line number. A field may be quoted ("东城区", a doubled quote inside); a row with another number of fields than the header,
/// or a header without an asked column, is refused with the file and line.
/// </summary>
internal static class NationalCsv
{
    public static List<(string[] Fields, int Line)> Read(string path, params string[] columns)
    {
        using var file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var header = reader.ReadLine() is { } first ? Split(first.TrimStart('\uFEFF'), path, 1) : throw new InvalidDataException($"{path} is empty.");
        var positions = columns.Select(c => Array.IndexOf(header, c) is var i and >= 0
            ? i
            : throw new InvalidDataException($"{path}: no column '{c}' (the header has {string.Join(",", header)}).")).ToArray();
        var rows = new List<(string[] Fields, int Line)>();
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }
            var fields = Split(text, path, line);
            if (fields.Length != header.Length)
            {
                throw new InvalidDataException($"{path}:{line}: {fields.Length} fields, the header has {header.Length}.");
            }
            rows.Add((positions.Select(p => fields[p]).ToArray(), line));
        }
        return rows;
    }

    private static string[] Split(string line, string path, int number)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        if (quoted)
        {
            throw new InvalidDataException($"{path}:{number}: a quoted field is not closed.");
        }
        fields.Add(field.ToString());
        return [.. fields];
    }
}
