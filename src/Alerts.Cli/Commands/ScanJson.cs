using System.Buffers;
using System.Text;
using System.Text.Json;
using Alerts.Core.Detection;
using Alerts.Core.Feeds;
using Alerts.Core.Messages;

namespace Alerts.Cli.Commands;

/// <summary>One detection of <c>alerts scan</c>: the input it came from, the item, what was detected.</summary>
internal sealed record ScanRow(string Input, FeedItem Item, TreatyDetection Detection);

/// <summary>
/// The JSON lines of <c>alerts scan</c>, written field by field with <see cref="Utf8JsonWriter"/>: the same bytes
/// <see cref="MessageJson"/> gives (same encoder, names, order, nulls left out), without reflection per row.
/// </summary>
internal static class ScanJson
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = MessageJson.Options.Encoder, Indented = false };

    /// <summary>The rows as JSON lines, each ended by a newline.</summary>
    public static string Lines(IReadOnlyList<ScanRow> rows)
    {
        var buffer = new ArrayBufferWriter<byte>(rows.Count * 512);
        using var writer = new Utf8JsonWriter(buffer, s_options);
        foreach (var row in rows)
        {
            Write(writer, row);
            writer.Flush();
            writer.Reset();
            buffer.Write("\n"u8);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // Fields and order are documented output (README, `alerts scan`); keep them stable.
    private static void Write(Utf8JsonWriter w, ScanRow row)
    {
        var d = row.Detection;
        w.WriteStartObject();
        w.WriteString("source", row.Input);
        w.WriteString("link", row.Item.Link);
        w.WriteString("title", row.Item.Title);
        if (row.Item.Published is { } published)
        {
            w.WriteString("published", published);
        }
        w.WriteStartObject("treaty");
        w.WriteString("id", d.Treaty.Id);
        if (d.Treaty.Name is not null)
        {
            w.WriteString("name", d.Treaty.Name);
        }
        w.WriteEndObject();
        w.WriteString("action", Vocabulary.Name(d.Action));
        WriteStrings(w, "states", d.States);
        w.WriteString("stage", Vocabulary.Name(d.Milestone));
        w.WriteNumber("confidence", Math.Round(d.Confidence, 3));
        WriteStrings(w, "evidence", d.Evidence);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }
        w.WriteEndArray();
    }
}
