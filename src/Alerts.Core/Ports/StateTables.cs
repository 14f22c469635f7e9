namespace Alerts.Core.Ports;

/// <summary>The tables the typed stores use. Lowercase letters and digits only, valid on both adapters.</summary>
public static class StateTables
{
    /// <summary>Per source: HTTP validators (ETag, Last-Modified), health, last poll.</summary>
    public const string Sources = "sources";
    /// <summary>Per source and item identity: fingerprint of what was seen.</summary>
    public const string Items = "items";
    /// <summary>Treaty events and their revisions.</summary>
    public const string Events = "events";
    /// <summary>Per (event, revision, channel): the Telegram message id once posted.</summary>
    public const string Ledger = "ledger";
    /// <summary>Per channel: disabled flag, migrated chat id, last post.</summary>
    public const string Channels = "channels";
    /// <summary>Personal subscriptions through the bot: users, their filters, the routing index, updates handled.</summary>
    public const string Subscriptions = "subscriptions";

    public static IReadOnlyList<string> All { get; } = [Sources, Items, Events, Ledger, Channels, Subscriptions];
}
