using Alerts.Core.Formatting;

namespace Alerts.Core.Tests.Formatting;

/// <summary>The templates shipped in config/templates, found from the test's output folder up to the repository root.</summary>
internal static class RepositoryTemplates
{
    public static string Directory { get; } = Find();

    public static AlertFormatter Formatter(ITreatyNames? names = null) => new(new AlertTemplates(Directory), names ?? Names);

    public static TreatyNameTable Names { get; } = new TreatyNameTable()
        .Add("coe:126", "en", new TreatyName("European Convention for the Prevention of Torture", "CPT Convention") { Tag = "CPT", System = "coe", Signed = new DateOnly(1987, 11, 26) })
        .Add("coe:126", "ru", new TreatyName("Европейская конвенция по предупреждению пыток") { Tag = "ЕКПП", System = "coe", Signed = new DateOnly(1987, 11, 26) });

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "config", "templates");
            if (File.Exists(Path.Combine(dir.FullName, "Alerts.sln")) && System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("config/templates not found above " + AppContext.BaseDirectory);
    }
}
