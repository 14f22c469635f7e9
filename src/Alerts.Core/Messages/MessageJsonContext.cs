using System.Text.Json;
using System.Text.Json.Serialization;
using Alerts.Core.Events;
using Alerts.Core.Posting;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Alerts.Core.Subscriptions;

namespace Alerts.Core.Messages;

/// <summary>
/// The source-generated contracts behind <see cref="MessageJson"/>: every queue message and every stored document, with
/// the options <see cref="MessageJson"/> always had (web defaults: camelCase names, case-insensitive reading, numbers
/// readable from strings; nulls left out; not indented). No reflection, so the same code runs in the native (AOT) CLI.
/// A type written or read through <see cref="MessageJson"/> must be listed here; one that is not throws
/// <see cref="NotSupportedException"/> in every build, JIT or native, so the tests find it.
/// A property with a default other than 0/null (<c>V = 1</c>, <c>Summary = ""</c>, <c>Sequence = 1</c>) has a <c>set</c>, not an
/// <c>init</c>, accessor: the generated code puts every init-only property in the object initializer, so a field missing from a
/// document (one written by an older version, a hand-written message) would read as 0 or null instead of its default.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
// Queue messages
[JsonSerializable(typeof(PollRequest))]
[JsonSerializable(typeof(TreatyChange))]
[JsonSerializable(typeof(Delivery))]
[JsonSerializable(typeof(OperatorNotice))]
[JsonSerializable(typeof(ReviewDecision))]
[JsonSerializable(typeof(BotUpdate))]
// Stored documents (IStateStore rows)
[JsonSerializable(typeof(SourceState))]
[JsonSerializable(typeof(SeenItem))]
[JsonSerializable(typeof(EventHead))]
[JsonSerializable(typeof(FollowUpHint))]
[JsonSerializable(typeof(ReviewEntry))]
[JsonSerializable(typeof(ChannelState))]
[JsonSerializable(typeof(EventPost))]
[JsonSerializable(typeof(LedgerEntry))]
[JsonSerializable(typeof(DeliveryClaims.ClaimDocument))]
[JsonSerializable(typeof(SharedRateGate.PauseUntil))]
[JsonSerializable(typeof(SharedRateGate.RateWindow))]
[JsonSerializable(typeof(SubscriberProfile))]
[JsonSerializable(typeof(FollowedFilter))]
[JsonSerializable(typeof(HandledUpdate))]
[JsonSerializable(typeof(PruneCursor))]
internal sealed partial class MessageJsonContext : JsonSerializerContext;
