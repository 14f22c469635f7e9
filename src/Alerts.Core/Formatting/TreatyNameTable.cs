namespace Alerts.Core.Formatting;

/// <summary>An <see cref="ITreatyNames"/> over a fixed list (the catalogue loader fills one; tests build one).</summary>
public sealed class TreatyNameTable : ITreatyNames
{
    private readonly Dictionary<(string Id, string Language), TreatyName> _names = [];

    public static TreatyNameTable Empty { get; } = new();

    public TreatyNameTable Add(string treatyId, string language, string name, string? shortName = null)
    {
        _names[(treatyId, language)] = new TreatyName(name, shortName);
        return this;
    }

    public TreatyNameTable Add(string treatyId, string language, TreatyName name)
    {
        _names[(treatyId, language)] = name;
        return this;
    }

    public TreatyName? Find(string treatyId, string language) =>
        _names.TryGetValue((treatyId, language), out var name) ? name : null;
}
