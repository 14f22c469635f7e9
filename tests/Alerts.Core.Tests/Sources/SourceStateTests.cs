using Alerts.Core.Detection;
using Alerts.Core.Messages;
using Alerts.Core.Sources;
using Alerts.Testing;

namespace Alerts.Core.Tests.Sources;

/// <summary>A state's own publication names the treaty and the step, rarely the state: the source says it.</summary>
public sealed class SourceStateTests
{
    private static readonly TreatyDetector Detector = TreatyDetector.FromCatalogFile(RepositoryPaths.Combine("config", "treaties.json"));

    [Fact]
    public void A_decree_title_without_a_state_from_an_official_russian_source_is_russias_act()
    {
        // The title names no state (the detector finds none today; if it ever infers one, the result is the same).
        var detection = Assert.Single(Detector.Detect(new DetectionInput("Закон о денонсации ДОВСЕ", "", "ru", SourceLevel.Official)));

        var official = new SourceDefinition { Id = "kremlin-acts", Url = "http://kremlin.ru/acts/news/feed", State = "RU", Authority = SourceLevel.Official };
        Assert.Equal(["RU"], PollSourceStage.WithSourceState(detection, official).States);
    }

    [Fact]
    public void States_found_in_the_text_win_and_sources_without_a_state_add_none()
    {
        var named = new TreatyDetection(new TreatyRef("cfe", "CFE"), TreatyAction.Withdrawal, ["BY"], TreatyMilestone.Proposed, 0.9, []);
        var unnamed = named with { States = [] };
        var official = new SourceDefinition { Id = "kremlin-acts", Url = "http://kremlin.ru/acts/news/feed", State = "RU" };
        var media = new SourceDefinition { Id = "bbc", Url = "https://feeds.bbci.co.uk/news/world/rss.xml" };

        Assert.Equal(["BY"], PollSourceStage.WithSourceState(named, official).States);
        Assert.Empty(PollSourceStage.WithSourceState(unnamed, media).States);
    }

    [Fact]
    public void Russian_official_sources_in_the_default_catalogue_name_their_state()
    {
        var config = RepositoryPaths.Combine("config");
        foreach (var path in Directory.EnumerateFiles(config, "sources*.json"))
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            foreach (var entry in json.RootElement.GetProperty("Sources").EnumerateArray())
            {
                var url = entry.GetProperty("Url").GetString()!;
                if (url.Contains("kremlin.ru", StringComparison.Ordinal) || url.Contains("government.ru", StringComparison.Ordinal) || url.Contains("pravo.gov.ru", StringComparison.Ordinal))
                {
                    Assert.Equal("RU", entry.GetProperty("State").GetString());
                }
            }
        }
    }
}
