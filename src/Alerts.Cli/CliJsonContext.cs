using System.Text.Json;
using System.Text.Json.Serialization;
using Alerts.Core.Messages;
using Alerts.Core.Posting;

namespace Alerts.Cli;

/// <summary>
/// The generated contracts of the CLI's <c>--format jsonl</c> lines, with <see cref="MessageJson"/>'s options (camelCase
/// names, nulls left out): no reflection, so the native CLI writes them. The field names and their order are a stable
/// interface for scripts; a line's record lists them in the order they are written.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(ChannelLine))]
[JsonSerializable(typeof(SourceLine))]
[JsonSerializable(typeof(DeliveryLine))]
[JsonSerializable(typeof(EventLine))]
[JsonSerializable(typeof(ReviewLine))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>A line of <c>alerts channels --format jsonl</c>.</summary>
internal sealed record ChannelLine(
    string Id, string? ChatId, string? Language, bool Configured, string State, string? DisabledReason, DateTimeOffset? DisabledAt, string? MigratedChatId);

/// <summary>A line of <c>alerts sources --format jsonl</c>.</summary>
internal sealed record SourceLine(
    string Id, string Url, string Kind, string Group, bool Enabled, DateTimeOffset? LastSuccess, DateTimeOffset? LastPolled,
    int ConsecutiveFailures, string? LastError, int? LastHttpStatus, bool Stale);

/// <summary>A line of <c>alerts deliveries --format jsonl</c>.</summary>
internal sealed record DeliveryLine(
    string Id, string EventId, string Channel, int Revision, LedgerState State, string ChatId, IReadOnlyList<long> MessageIds,
    int Failures, bool Acknowledged, DateTimeOffset UpdatedAt, string? Note);

/// <summary>A line of <c>alerts events --format jsonl</c>.</summary>
internal sealed record EventLine(
    string Id, TreatyRef Treaty, TreatyAction Action, IReadOnlyList<string> States, TreatyMilestone Stage, string? Step,
    DateOnly? EffectiveDate, SourceLevel Level, int Revision, int Sources, DateTimeOffset LastChange);

/// <summary>A line of <c>alerts review --format jsonl</c>.</summary>
internal sealed record ReviewLine(
    string Id, string Channel, string EventId, int Revision, string Status, string Reason, string Treaty, string Title, DateTimeOffset HeldAt);
