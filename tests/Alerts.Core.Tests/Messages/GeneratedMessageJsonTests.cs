using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Alerts.Core.Events;
using Alerts.Core.Messages;
using Alerts.Core.Posting;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Alerts.Core.Subscriptions;

namespace Alerts.Core.Tests.Messages;

/// <summary>
/// Queue messages and stored documents are written by the source-generated <see cref="MessageJsonContext"/> (no reflection,
/// for the native CLI). The bytes are a stored format: each document below is written by hand in the format the
/// reflection-based serializer wrote before (names, order, nulls left out, non-ASCII escaped, dates as written), and must
/// read back and be written again byte for byte, and the old reflection path must agree with it.
/// </summary>
public class GeneratedMessageJsonTests
{
    /// <summary>The options MessageJson had before source generation, read by reflection (JIT tests only).</summary>
    private static readonly JsonSerializerOptions ReflectionOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>A document written over several lines for reading; JSON has no line breaks between its tokens here.</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings("");

    public static TheoryData<Type, string> Documents => new()
    {
        { typeof(PollRequest), """{"sourceId":"kremlin","group":"news","scheduledAt":"2025-08-26T10:00:00+00:00","v":1}""" },
        {
            typeof(TreatyChange),
            OneLine("""
            {"v":1,"eventId":"ev-1","revision":2,"treaty":{"id":"coe:126","name":"CPT"},"action":"withdrawal","states":["RU"],"stage":"enacted"
            ,"confidence":0.9,"level":"official","title":"\u041F\u0443\u0442\u0438\u043D signs","summary":"The law is signed."
            ,"sources":[{"sourceId":"kremlin","link":"https://example.org/1?a=1\u0026b=2","title":"Law signed","published":"2025-09-01T09:00:00+03:00","authority":"official","language":"ru","reports":"enacted"}]
            ,"evidence":["signs"],"stageHistory":[{"stage":"proposed","seenAt":"2025-08-26T10:00:00+00:00"},{"stage":"enacted","seenAt":"2025-09-01T10:00:00+00:00","link":"https://example.org/1","step":"law_signed"}]
            ,"detectedAt":"2025-09-01T10:00:00+00:00","step":"law_signed","effectiveDate":"2026-03-01","correction":"stage","stepDate":"2025-09-01","contexts":{"en":"Putin signed the law."}
            ,"digest":[{"v":1,"eventId":"backfill:kremlin","revision":1,"treaty":{"id":"backfill","name":""},"action":"other","states":[],"stage":"unknown","confidence":1,"level":"media","title":"kremlin","summary":"","sources":[],"evidence":[],"stageHistory":[],"detectedAt":"2025-09-01T10:00:00+00:00"}]}
            """)
        },
        { typeof(Delivery), """{"eventId":"ev-1","revision":2,"channelId":"main","attempt":1,"v":1}""" },
        { typeof(OperatorNotice), """{"kind":"source_stale","subject":"kremlin","message":"No success for 3 days","at":"2025-09-01T10:00:00+00:00","v":1}""" },
        { typeof(ReviewDecision), """{"id":"main:ev-1","approve":true,"v":1}""" },
        { typeof(BotUpdate), """{"updateId":42,"chatId":1001,"chatType":"private","languageCode":"ru","text":"/start","callbackQueryId":"cb-1","v":1}""" },
        {
            typeof(SourceState),
            OneLine("""
            {"eTag":"W/\u0022abc\u0022","lastModified":"Mon, 01 Sep 2025 10:00:00 GMT","lastPolledAt":"2025-09-01T10:00:00+00:00","lastSuccessAt":"2025-09-01T10:00:00+00:00"
            ,"nextPollAfter":"2025-09-01T10:15:00+00:00","consecutiveFailures":0,"lastHttpStatus":200,"itemsSeen":12,"pollCount":3,"validators":{"eTag":"W/\u0022abc\u0022","lastModified":"Mon, 01 Sep 2025 10:00:00 GMT"}}
            """)
        },
        { typeof(SeenItem), """{"contentHash":"ab12","link":"https://example.org/1","title":"Law signed","seenAt":"2025-09-01T10:00:00+00:00"}""" },
        {
            typeof(EventHead),
            OneLine("""
            {"v":1,"eventId":"ev-1","treaty":{"id":"coe:126","name":"CPT"},"action":"withdrawal","states":["RU"],"stage":"enacted","step":"law_signed","level":"official"
            ,"confidence":0.9,"revision":2,"title":"Putin signs the law","summary":"","evidence":[]
            ,"sources":[{"source":{"sourceId":"kremlin","link":"https://example.org/1","title":"Law signed","authority":"official","reports":"enacted"},"revision":2,"stage":"enacted","appliedAt":"2025-09-01T10:00:00+00:00","actDate":"2025-08-31"}]
            ,"stageHistory":[{"stage":"proposed","seenAt":"2025-08-26T10:00:00+00:00"}],"firstSeen":"2025-08-26T10:00:00+00:00","lastChange":"2025-09-01T10:00:00+00:00"
            ,"sequence":1,"effectiveDate":"2026-03-01","effectiveDateBasis":"notice_period","contexts":{"en":{"text":"Putin signed the law.","stage":"enacted","level":"official"}}}
            """)
        },
        { typeof(FollowUpHint), """{"eventId":"ev-1","due":"2026-03-01"}""" },
        {
            typeof(ReviewEntry),
            """{"channelId":"main","eventId":"ev-1","revision":2,"reason":"unknown_treaty","status":"pending","heldAt":"2025-09-01T10:00:00+00:00","title":"Law signed","treaty":"coe:126","v":1,"id":"main:ev-1"}"""
        },
        { typeof(ChannelState), """{"disabled":true,"disabledReason":"kicked","disabledAt":"2025-09-01T10:00:00+00:00","migratedChatId":"-1002"}""" },
        { typeof(EventPost), """{"chatId":"-100","messageIds":[7,8],"revision":1,"stage":"legislative","postedAt":"2025-08-26T10:00:00+00:00"}""" },
        {
            typeof(LedgerEntry),
            OneLine("""
            {"state":"sent","chatId":"-100","messageIds":[7],"editedIds":[5],"edited":true,"inFlightEdit":false,"attempt":1,"failures":0,"unknownResends":0,"acknowledged":false
            ,"createdAt":"2025-09-01T10:00:00+00:00","updatedAt":"2025-09-01T10:00:05+00:00","note":"edited"}
            """)
        },
        { typeof(DeliveryClaims.ClaimDocument), """{"holder":"host-1","expiresAt":"2025-09-01T10:00:30+00:00"}""" },
        { typeof(SharedRateGate.PauseUntil), """{"untilMs":1756720800000}""" },
        { typeof(SharedRateGate.RateWindow), """{"slots":[1756720800000,1756720801000]}""" },
        { typeof(SubscriberProfile), """{"chatId":1001,"language":"ru","languageChosen":true,"stopped":false,"since":"2025-09-01T10:00:00+00:00"}""" },
        { typeof(FollowedFilter), """{"chatId":1001,"filter":{"state":"RU","action":"withdrawal"},"since":"2025-09-01T10:00:00+00:00"}""" },
        { typeof(HandledUpdate), """{"updateId":42,"at":"2025-09-01T10:00:00+00:00"}""" },
        { typeof(PruneCursor), """{"day":"2025-08-31","legacyPruned":true}""" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_document_reads_and_is_written_again_byte_for_byte(Type type, string json)
    {
        var generated = MessageJson.Options.GetTypeInfo(type);
        Assert.IsNotType<DefaultJsonTypeInfoResolver>(MessageJson.Options.TypeInfoResolver);

        var value = JsonSerializer.Deserialize(json, generated);

        Assert.NotNull(value);
        Assert.Equal(json, JsonSerializer.Serialize(value, generated));
        Assert.Equal(json, JsonSerializer.Serialize(value, type, ReflectionOptions));
    }

    /// <summary>Documents that leave out every field that has a default: older versions and operators wrote such messages.</summary>
    public static TheoryData<Type, string> ShortDocuments => new()
    {
        { typeof(PollRequest), """{"sourceId":"kremlin","group":"news","scheduledAt":"2025-08-26T10:00:00+00:00"}""" },
        {
            typeof(TreatyChange),
            """{"eventId":"ev-1","revision":1,"treaty":{"id":"coe:126","name":"CPT"},"action":"withdrawal","states":["RU"],"stage":"proposed","confidence":0.8,"level":"media","title":"T","sources":[],"detectedAt":"2025-08-26T10:00:00+00:00"}"""
        },
        { typeof(Delivery), """{"eventId":"ev-1","revision":2,"channelId":"main"}""" },
        { typeof(OperatorNotice), """{"kind":"k","subject":"s","message":"m","at":"2025-09-01T10:00:00+00:00"}""" },
        { typeof(ReviewDecision), """{"id":"main:ev-1","approve":true}""" },
        { typeof(BotUpdate), """{"updateId":42,"chatId":1001,"chatType":"private","text":"/start"}""" },
        {
            typeof(EventHead),
            """{"eventId":"ev-1","treaty":{"id":"coe:126","name":"CPT"},"action":"withdrawal","states":["RU"],"stage":"proposed","level":"media","confidence":0.8,"revision":1,"title":"T","sources":[],"firstSeen":"2025-08-26T10:00:00+00:00","lastChange":"2025-08-26T10:00:00+00:00"}"""
        },
        { typeof(ReviewEntry), """{"channelId":"main","eventId":"ev-1","revision":2,"reason":"r","status":"pending","heldAt":"2025-09-01T10:00:00+00:00","title":"T","treaty":"coe:126"}""" },
        { typeof(LedgerEntry), """{"state":"pending"}""" },
    };

    [Theory]
    [MemberData(nameof(ShortDocuments))]
    public void A_field_left_out_reads_as_its_default_as_before(Type type, string json)
    {
        var generated = JsonSerializer.Serialize(JsonSerializer.Deserialize(json, MessageJson.Options.GetTypeInfo(type)), MessageJson.Options.GetTypeInfo(type));

        Assert.Equal(JsonSerializer.Serialize(JsonSerializer.Deserialize(json, type, ReflectionOptions), type, ReflectionOptions), generated);
        var written = JsonDocument.Parse(generated).RootElement;
        if (typeof(IQueueMessage).IsAssignableFrom(type) || type == typeof(EventHead) || type == typeof(ReviewEntry))
        {
            Assert.Equal(1, written.GetProperty("v").GetInt32());
        }
    }

    [Fact]
    public void A_short_event_head_and_ledger_entry_keep_their_defaults()
    {
        var head = MessageJson.Deserialize<EventHead>((string)ShortDocuments.Single(row => (Type)row[0] == typeof(EventHead))[1]);
        Assert.Equal(1, head.Sequence);
        Assert.Equal("", head.Summary);
        Assert.Empty(head.Evidence);
        Assert.Empty(head.MilestoneHistory);

        var entry = MessageJson.Deserialize<LedgerEntry>("""{"state":"pending"}""");
        Assert.Equal("", entry.ChatId);
        Assert.Empty(entry.MessageIds);
        Assert.Empty(entry.EditedIds);
    }

    [Fact]
    public void The_generic_calls_use_the_generated_contracts()
    {
        const string json = """{"eventId":"ev-1","revision":2,"channelId":"main","attempt":1,"v":1}""";

        var delivery = MessageJson.Deserialize<Delivery>(json);

        Assert.Equal(new Delivery("ev-1", 2, "main", 1), delivery);
        Assert.Equal(json, MessageJson.Serialize(delivery));
        Assert.Equal(json, MessageJson.SerializeForQueue(delivery));
        Assert.Same(MessageJsonContext.Default.Delivery, MessageJson.TypeInfo<Delivery>());
    }

    [Fact]
    public void Every_queue_message_type_has_a_generated_contract_and_a_document_here()
    {
        var messageTypes = typeof(IQueueMessage).Assembly.GetTypes()
            .Where(t => typeof(IQueueMessage).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .ToList();
        var covered = Documents.Select(row => (Type)row[0]).ToHashSet();

        Assert.NotEmpty(messageTypes);
        Assert.All(messageTypes, t =>
        {
            Assert.NotNull(MessageJson.Options.GetTypeInfo(t));
            Assert.Contains(t, covered);
        });
    }

    [Fact]
    public void A_type_the_context_does_not_list_is_refused_in_every_build()
    {
        // No reflection fallback, JIT or native: a store or message type missing from MessageJsonContext fails here too.
        Assert.Throws<NotSupportedException>(() => MessageJson.Serialize(new Uri("https://example.org/")));
    }
}
