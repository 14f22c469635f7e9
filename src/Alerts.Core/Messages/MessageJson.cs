using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Alerts.Core.Messages;

/// <summary>The one JSON shape of every queue message and stored document.</summary>
public static class MessageJson
{
    /// <summary>Largest raw message body: Azure Storage queues take 64 KiB after Base64, i.e. 48 KiB raw.</summary>
    public const int MaxMessageBytes = 48 * 1024;

    /// <summary>
    /// Web defaults (camelCase, case-insensitive reading, numbers readable from strings), nulls left out, not indented.
    /// Read-only; its resolver is the source-generated <see cref="MessageJsonContext"/> alone, never reflection.
    /// </summary>
    public static JsonSerializerOptions Options => MessageJsonContext.Default.Options;

    /// <summary>The generated contract of <typeparamref name="T"/>; <see cref="NotSupportedException"/> when <see cref="MessageJsonContext"/> does not list it.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    public static string Serialize<T>(T value) => Serialize(value, TypeInfo<T>());

    /// <summary>Writes <paramref name="value"/> with a contract generated elsewhere (e.g. the CLI's rows) and the same options.</summary>
    public static string Serialize<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type);

    /// <summary>Reads a message, naming the message type and the problem when it is not what it should be.</summary>
    public static T Deserialize<T>(string json) => Deserialize(json, TypeInfo<T>());

    /// <inheritdoc cref="Deserialize{T}(string)"/>
    public static T Deserialize<T>(string json, JsonTypeInfo<T> type)
    {
        try
        {
            var value = JsonSerializer.Deserialize(json, type);
            return value ?? throw new InvalidMessageException(typeof(T).Name, "the message body is JSON null");
        }
        catch (JsonException ex)
        {
            throw new InvalidMessageException(typeof(T).Name, ex.Message, ex);
        }
    }

    /// <summary>Serializes a queue message and refuses one that would not fit a queue.</summary>
    public static string SerializeForQueue<T>(T value) => SerializeForQueue(value, TypeInfo<T>());

    /// <inheritdoc cref="SerializeForQueue{T}(T)"/>
    public static string SerializeForQueue<T>(T value, JsonTypeInfo<T> type)
    {
        var json = Serialize(value, type);
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
