using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Alerts.Core.Messages;
using Alerts.Core.Sources;
using Alerts.Testing;

namespace Alerts.Core.Tests.Sources;

public sealed class SourceCatalogueTests
{
    private static readonly string[] s_kinds = ["rss", "pravo-api", "duma-api", "coe-signatures", "untc-notifications", "html-list"];

    [Fact]
    public void Default_catalogue_entries_are_valid_source_definitions()
    {
        // tests/data/../../config/sources*.json: the default catalogue at the repository root (feeds; API and depositary kinds).
        var config = Path.GetFullPath(Path.Combine(FeedTestData.Path("."), "..", "..", "config"));
        var ids = new HashSet<string>();
        foreach (var path in Directory.EnumerateFiles(config, "sources*.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var entry in json.RootElement.GetProperty("Sources").EnumerateArray())
            {
                var source = new SourceDefinition
                {
                    Id = entry.GetProperty("Id").GetString()!,
                    Url = entry.GetProperty("Url").GetString()!,
                    Kind = entry.GetProperty("Kind").GetString()!,
                    Group = entry.GetProperty("Group").GetString()!,
                    Authority = Enum.Parse<SourceLevel>(entry.GetProperty("Authority").GetString()!, ignoreCase: true),
                    Interval = TimeSpan.Parse(entry.GetProperty("Interval").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                };
                Validator.ValidateObject(source, new ValidationContext(source), validateAllProperties: true);
                Assert.True(ids.Add(source.Id), "duplicate id " + source.Id);
                Assert.Contains(source.Kind, s_kinds);
                Assert.Contains(source.Group, (string[])["decrees", "depositaries", "news"]);
                Assert.InRange(source.Interval, TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
            }
        }
        Assert.True(ids.Count >= 15);
    }
}
