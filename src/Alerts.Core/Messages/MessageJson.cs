using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Core.Messages;

/// <summary>The one JSON shape of every queue message and stored document.</summary>
public static class MessageJson
{
    /// <summary>Largest raw message body: Azure Storage queues take 64 KiB after Base64, i.e. 48 KiB raw.</summary>
    public const int MaxMessageBytes = 48 * 1024;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a message, naming the message type and the problem when it is not what it should be.</summary>
    public static T Deserialize<T>(string json)
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(json, Options);
            return value ?? throw new InvalidMessageException(typeof(T).Name, "the message body is JSON null");
        }
        catch (JsonException ex)
        {
            throw new InvalidMessageException(typeof(T).Name, ex.Message, ex);
        }
    }

    /// <summary>Serializes a queue message and refuses one that would not fit a queue.</summary>
    public static string SerializeForQueue<T>(T value)
    {
        var json = Serialize(value);
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > MaxMessageBytes)
        {
            throw new MessageTooLargeException(typeof(T).Name, bytes);
        }
        return json;
    }
}

public sealed class InvalidMessageException(string messageType, string problem, Exception? inner = null)
    : Exception($"Invalid {messageType} message: {problem}", inner)
{
    public string MessageType { get; } = messageType;
}

public sealed class MessageTooLargeException(string messageType, int bytes)
    : Exception($"{messageType} message is {bytes} bytes; queue messages are limited to {MessageJson.MaxMessageBytes} bytes")
{
    public int Bytes { get; } = bytes;
}
