using System.Globalization;
using CsvHelper;

namespace Alerts.Testing;

/// <summary>The CSV files of tests/data (RFC 4180: quoted fields may hold commas, doubled quotes and newlines), read with CsvHelper.</summary>
public static class TestCsv
{
    /// <summary>Each row after the header, as column name → value.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Rows(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.ToDictionary(name => name, name => csv.GetField(name) ?? "", StringComparer.Ordinal));
        }
        return rows;
    }
}
