using System.Text.Json;
using Alerts.Core.Posting;
using Alerts.Core.Events;
using Alerts.Core.Messages;

namespace Alerts.Core.Tests.Events;

/// <summary>
/// The JSON field names stored events, revisions and posts use (and queue messages carry) are part of the stored data:
/// a rename in code must not change them. Documents written in this format read back, and what is written has it.
/// </summary>
public class StoredJsonNamesTests
{
    private const string StoredHead = """
        {"v":1,"eventId":"ev-1","treaty":{"id":"coe:126","name":"Convention for the Prevention of Torture"},"action":"withdrawal",
         "states":["RU"],"stage":"enacted","step":"law_signed","level":"official","confidence":0.9,"revision":2,"title":"Putin signs the law",
         "sources":[{"source":{"sourceId":"kremlin","link":"https://example.org/1","title":"Law signed","published":null,"authority":"official","reports":"enacted"},
                     "revision":2,"stage":"enacted"}],
         "stageHistory":[{"stage":"proposed","seenAt":"2025-08-26T10:00:00+00:00"},{"stage":"enacted","seenAt":"2025-09-01T10:00:00+00:00","step":"law_signed"}],
         "firstSeen":"2025-08-26T10:00:00+00:00","lastChange":"2025-09-01T10:00:00+00:00",
         "contexts":{"en":{"text":"Putin signed the law.","stage":"enacted","level":"official"}}}
        """;

    [Fact]
    public void A_stored_event_head_reads_its_stage_fields()
    {
        var head = MessageJson.Deserialize<EventHead>(StoredHead);
        Assert.Equal(TreatyMilestone.Enacted, head.Milestone);
        Assert.Equal([TreatyMilestone.Proposed, TreatyMilestone.Enacted], head.MilestoneHistory.Select(step => step.Milestone));
        Assert.Equal(TreatyMilestone.Enacted, Assert.Single(head.Sources).Milestone);
        Assert.Equal(TreatyMilestone.Enacted, head.Sources[0].Source.Reports);
        Assert.Equal(TreatyMilestone.Enacted, head.Contexts!["en"].Milestone);
    }

    [Fact]
    public void An_event_head_is_written_with_the_stored_field_names()
    {
        var json = JsonDocument.Parse(MessageJson.Serialize(MessageJson.Deserialize<EventHead>(StoredHead))).RootElement;
        Assert.Equal("enacted", json.GetProperty("stage").GetString());
        Assert.Equal("proposed", json.GetProperty("stageHistory")[0].GetProperty("stage").GetString());
        Assert.Equal("enacted", json.GetProperty("sources")[0].GetProperty("stage").GetString());
        Assert.Equal("enacted", json.GetProperty("sources")[0].GetProperty("source").GetProperty("reports").GetString());
        Assert.Equal("enacted", json.GetProperty("contexts").GetProperty("en").GetProperty("stage").GetString());
        Assert.DoesNotContain(Names(json), name => name.StartsWith("milestone", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_revision_and_a_channel_post_keep_their_stage_field_names()
    {
        const string stored = """
            {"v":1,"eventId":"ev-1","revision":1,"treaty":{"id":"coe:126","name":"CPT"},"action":"withdrawal","states":["RU"],"stage":"proposed",
             "confidence":0.8,"level":"media","title":"Russia to quit","sources":[],"stageHistory":[{"stage":"proposed","seenAt":"2025-08-26T10:00:00+00:00"}],
             "detectedAt":"2025-08-26T10:00:00+00:00"}
            """;
        var change = MessageJson.Deserialize<TreatyChange>(stored);
        Assert.Equal(TreatyMilestone.Proposed, change.Milestone);
        var written = JsonDocument.Parse(MessageJson.Serialize(change)).RootElement;
        Assert.Equal("proposed", written.GetProperty("stage").GetString());
        Assert.Equal("proposed", written.GetProperty("stageHistory")[0].GetProperty("stage").GetString());

        var post = MessageJson.Deserialize<EventPost>("""{"chatId":"-100","messageIds":[7],"revision":1,"stage":"legislative","postedAt":"2025-08-26T10:00:00+00:00"}""");
        Assert.Equal(TreatyMilestone.Legislative, post.Milestone);
        Assert.Equal("legislative", JsonDocument.Parse(MessageJson.Serialize(post)).RootElement.GetProperty("stage").GetString());
    }

    private static IEnumerable<string> Names(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property => Names(property.Value).Prepend(property.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Names),
        _ => [],
    };
}
