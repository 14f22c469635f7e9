using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;

namespace Alerts.Core.Publishing;

/// <summary>One feed to write: its name (file stem, e.g. <c>all</c>, <c>state/RU</c>), title and the events in it.</summary>
public sealed record EventFeed(string Name, string Title, IReadOnlyList<EventHead> Events);

/// <summary>
/// Writes events as Atom 1.0 and JSON Feed 1.1: all events, one feed per state and one per treaty.
/// Only the event's public facts go out (treaty, action, states, stage, step date, sources); no chat ids,
/// subscribers or operator data exist on <see cref="EventHead"/> and none are added here.
/// </summary>
public static class EventFeedWriter
{
    public const string JsonFeedVersion = "https://jsonfeed.org/version/1.1";
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The feeds for a set of events: <c>all</c>, <c>state/XX</c> per state, <c>treaty/&lt;id&gt;</c> per treaty.</summary>
    public static IReadOnlyList<EventFeed> Plan(IReadOnlyList<EventHead> events, string language, ITreatyNames? names = null)
    {
        var ordered = Order(events);
        var feeds = new List<EventFeed> { All(ordered, language) };
        foreach (var state in ordered.SelectMany(e => e.States).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
        {
            feeds.Add(ForState(state, ordered, language));
        }
        foreach (var treaty in ordered.Select(e => e.Treaty).DistinctBy(t => t.Id).OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            feeds.Add(ForTreaty(treaty, ordered, language, names));
        }
        return feeds;
    }

    /// <summary>Every event, newest change first (ties by event id, so the same events give the same bytes).</summary>
    public static IReadOnlyList<EventHead> Order(IEnumerable<EventHead> events)
        => events.OrderByDescending(e => e.LastChange).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList();

    /// <summary>The feed of every event (<c>all</c>); <paramref name="ordered"/> as <see cref="Order"/> gives it.</summary>
    public static EventFeed All(IReadOnlyList<EventHead> ordered, string language)
        => new("all", language == "ru" ? "Договорные оповещения: все события" : "Treaty Alerts: all events", ordered);

    /// <summary>The feed of one state's events (<c>state/XX</c>).</summary>
    public static EventFeed ForState(string state, IReadOnlyList<EventHead> ordered, string language)
        => new("state/" + FileSafe(state.ToUpperInvariant()), "Treaty Alerts: " + StateNames.Name(state, language),
            ordered.Where(e => e.States.Contains(state, StringComparer.OrdinalIgnoreCase)).ToList());

    /// <summary>The feed of one treaty's events (<c>treaty/&lt;id&gt;</c>, <c>:</c> as <c>-</c>).</summary>
    public static EventFeed ForTreaty(TreatyRef treaty, IReadOnlyList<EventHead> ordered, string language, ITreatyNames? names = null)
        => new("treaty/" + FileSafe(treaty.Id), "Treaty Alerts: " + TreatyName(treaty, language, names),
            ordered.Where(e => e.Treaty.Id == treaty.Id).ToList());

    /// <summary>The newest entry's update: the feed's <c>updated</c> and the HTTP <c>Last-Modified</c>; null for an empty feed.</summary>
    public static DateTimeOffset? LastModified(EventFeed feed) => feed.Events.Count == 0 ? null : feed.Events.Max(e => e.LastChange);

    /// <summary>A treaty or state id as a file name: <c>coe:126</c> becomes <c>coe-126</c>.</summary>
    public static string FileSafe(string id)
    {
        var builder = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }
        return builder.ToString().Trim('.');
    }

    /// <summary>The stable entry id: a URN from the event id, unchanged across revisions.</summary>
    public static string EntryId(string eventId) => "urn:treaty-alerts:event:" + Uri.EscapeDataString(eventId);

    public static string FeedId(string name) => "urn:treaty-alerts:feed:" + Uri.EscapeDataString(name);

    /// <param name="self">Where the feed is served (the HTTP endpoint), written as <c>link rel="self"</c>; null for files.</param>
    public static void WriteAtom(Stream output, EventFeed feed, string language, ITreatyNames? names = null, Uri? self = null)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("feed", AtomNamespace);
        xml.WriteAttributeString("xml", "lang", null, language);
        xml.WriteElementString("id", AtomNamespace, FeedId(feed.Name));
        WriteText(xml, "title", feed.Title);
        xml.WriteElementString("updated", AtomNamespace, Rfc3339(Updated(feed.Events)));
        xml.WriteStartElement("author", AtomNamespace);
        xml.WriteElementString("name", AtomNamespace, "Treaty Alerts");
        xml.WriteEndElement();
        xml.WriteElementString("generator", AtomNamespace, "Treaty Alerts");
        if (self is not null)
        {
            xml.WriteStartElement("link", AtomNamespace);
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("type", "application/atom+xml");
            xml.WriteAttributeString("href", self.AbsoluteUri);
            xml.WriteEndElement();
        }
        foreach (var head in feed.Events)
        {
            xml.WriteStartElement("entry", AtomNamespace);
            xml.WriteElementString("id", AtomNamespace, EntryId(head.EventId));
            WriteText(xml, "title", Title(head, language, names));
            xml.WriteElementString("updated", AtomNamespace, Rfc3339(head.LastChange));
            xml.WriteElementString("published", AtomNamespace, Rfc3339(head.FirstSeen));
            var first = true;
            foreach (var source in Sources(head))
            {
                xml.WriteStartElement("link", AtomNamespace);
                xml.WriteAttributeString("rel", first ? "alternate" : "related");
                xml.WriteAttributeString("href", source.Link);
                xml.WriteAttributeString("title", source.Title);
                xml.WriteEndElement();
                first = false;
            }
            xml.WriteStartElement("category", AtomNamespace);
            xml.WriteAttributeString("term", Vocabulary.Name(head.Milestone));
            xml.WriteAttributeString("scheme", "urn:treaty-alerts:stage");
            xml.WriteEndElement();
            xml.WriteStartElement("category", AtomNamespace);
            xml.WriteAttributeString("term", Vocabulary.Name(head.Action));
            xml.WriteAttributeString("scheme", "urn:treaty-alerts:action");
            xml.WriteEndElement();
            WriteText(xml, "summary", Summary(head, language));
            WriteText(xml, "content", Content(head, language, names));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <param name="self">Where the feed is served (the HTTP endpoint), written as <c>feed_url</c>; null for files.</param>
    public static void WriteJson(Stream output, EventFeed feed, string language, ITreatyNames? names = null, Uri? self = null)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("version", JsonFeedVersion);
        json.WriteString("title", feed.Title);
        if (self is not null)
        {
            json.WriteString("feed_url", self.AbsoluteUri);
        }
        json.WriteString("language", language);
        json.WriteStartArray("authors");
        json.WriteStartObject();
        json.WriteString("name", "Treaty Alerts");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("items");
        foreach (var head in feed.Events)
        {
            var sources = Sources(head).ToList();
            json.WriteStartObject();
            json.WriteString("id", EntryId(head.EventId));
            if (sources.Count > 0)
            {
                json.WriteString("url", sources[0].Link);
                if (sources.Count > 1)
                {
                    json.WriteString("external_url", sources[1].Link);
                }
            }
            json.WriteString("title", Title(head, language, names));
            json.WriteString("summary", Summary(head, language));
            json.WriteString("content_text", Content(head, language, names));
            json.WriteString("date_published", Rfc3339(head.FirstSeen));
            json.WriteString("date_modified", Rfc3339(head.LastChange));
            json.WriteStartArray("tags");
            json.WriteStringValue(Vocabulary.Name(head.Action));
            json.WriteStringValue(Vocabulary.Name(head.Milestone));
            foreach (var state in head.States)
            {
                json.WriteStringValue(state);
            }
            json.WriteEndArray();
            json.WriteStartObject("_treaty_alerts");
            json.WriteString("event_id", head.EventId);
            json.WriteString("treaty", head.Treaty.Id);
            json.WriteString("action", Vocabulary.Name(head.Action));
            json.WriteString("stage", Vocabulary.Name(head.Milestone));
            if (head.StepDate is { } stepDate)
            {
                json.WriteString("step_date", stepDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            json.WriteNumber("revision", head.Revision);
            json.WriteStartArray("sources");
            foreach (var source in sources)
            {
                json.WriteStartObject();
                json.WriteString("url", source.Link);
                json.WriteString("title", source.Title);
                json.WriteString("level", Vocabulary.Name(source.Authority));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The entry's title in the feed's language: treaty, action, states and stage.</summary>
    public static string Title(EventHead head, string language, ITreatyNames? names = null)
    {
        var states = string.Join(", ", head.States.Select(s => StateNames.Name(s, language)));
        return language == "ru"
            ? $"{TreatyName(head.Treaty, language, names)}: {RussianAction(head.Action)} — {states} ({RussianStage(head.Milestone)})"
            : $"{TreatyName(head.Treaty, language, names)}: {Vocabulary.Name(head.Action).Replace('_', ' ')} by {states} ({Vocabulary.Name(head.Milestone)})";
    }

    /// <summary>The treaty's name in the feed's language from the catalogue, else the name the event carries.</summary>
    private static string TreatyName(TreatyRef treaty, string language, ITreatyNames? names)
        => names?.Find(treaty.Id, language)?.Name ?? treaty.Name;

    private static string Summary(EventHead head, string language)
        => head.Contexts is { } contexts && contexts.TryGetValue(language, out var context) && context.Text.Length > 0
            ? context.Text
            : head.Summary.Length > 0 ? head.Summary : head.Title;

    private static string Content(EventHead head, string language, ITreatyNames? names)
    {
        var ru = language == "ru";
        var lines = new List<string>
        {
            Title(head, language, names),
            (ru ? "Стадия: " : "Stage: ") + (ru ? RussianStage(head.Milestone) : Vocabulary.Name(head.Milestone)) + (head.Step is { } step ? $" ({step})" : ""),
        };
        if (head.StepDate is { } date)
        {
            lines.Add((ru ? "Дата шага: " : "Date of the step: ") + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        if (head.EffectiveDate is { } effective)
        {
            lines.Add((ru ? "Вступает в силу: " : "Takes effect: ") + effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        lines.Add(Summary(head, language));
        lines.Add(ru ? "Источники:" : "Sources:");
        lines.AddRange(Sources(head).Select(s => $"- {s.Title} <{s.Link}>"));
        return string.Join("\n", lines);
    }

    private static IEnumerable<SourceRef> Sources(EventHead head)
        => head.Sources.Select(s => s.Source)
            .Where(s => Uri.TryCreate(s.Link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            .OrderByDescending(s => s.Authority)
            .ThenBy(s => s.Published ?? head.FirstSeen)
            .DistinctBy(s => s.Link);

    private static DateTimeOffset Updated(IReadOnlyList<EventHead> events) => events.Count == 0 ? Epoch : events.Max(e => e.LastChange);

    private static string Rfc3339(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteText(XmlWriter xml, string name, string text)
    {
        xml.WriteStartElement(name, AtomNamespace);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(text);
        xml.WriteEndElement();
    }

    private static string RussianAction(TreatyAction action) => action switch
    {
        TreatyAction.Signature => "подписание",
        TreatyAction.Ratification => "ратификация",
        TreatyAction.Accession => "присоединение",
        TreatyAction.Withdrawal => "выход",
        TreatyAction.Suspension => "приостановление",
        TreatyAction.EntryIntoForce => "вступление в силу",
        TreatyAction.Deratification => "отзыв ратификации",
        _ => "изменение",
    };

    private static string RussianStage(TreatyMilestone stage) => stage switch
    {
        TreatyMilestone.Announced => "объявлено",
        TreatyMilestone.Proposed => "внесено",
        TreatyMilestone.Legislative => "в парламенте",
        TreatyMilestone.Enacted => "принято",
        TreatyMilestone.Notified => "уведомление направлено",
        TreatyMilestone.Effective => "вступило в силу",
        _ => "неизвестно",
    };
}
