using System.Text.Json.Serialization;

namespace Alerts.Core.Detection.Evaluation;

/// <summary>One line of a corpus's items.jsonl.</summary>
public sealed record CorpusItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("feed")] string? Feed,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("link")] string? Link,
    [property: JsonPropertyName("published")] string? Published,
    [property: JsonPropertyName("lang")] string? Lang);

/// <summary>One line of a corpus's labels.jsonl: positive is null when the item is left out of scoring.</summary>
public sealed record CorpusLabel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("positive")] bool? Positive,
    [property: JsonPropertyName("events")] IReadOnlyList<LabelledEvent>? Events,
    [property: JsonPropertyName("note")] string? Note,
    [property: JsonPropertyName("hard_negative")] bool? HardNegative);

/// <summary>A labelled treaty event; <see cref="Treaty"/> is a short English name, not an id.</summary>
public sealed record LabelledEvent(
    [property: JsonPropertyName("treaty")] string Treaty,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("states")] IReadOnlyList<string>? States,
    [property: JsonPropertyName("stage")] string? Milestone);

/// <summary>
/// The generated contracts of a corpus's JSON lines, read with the default options (exact, case-sensitive names as in
/// the files) and no reflection, so <c>alerts eval</c> runs in the native CLI.
/// </summary>
[JsonSerializable(typeof(CorpusItem))]
[JsonSerializable(typeof(CorpusLabel))]
public sealed partial class CorpusJsonContext : JsonSerializerContext;
