using Alerts.Core.Ports;
using Azure.Core;
using Azure.Identity;

namespace Alerts.Azure;

/// <summary>
/// How to reach one storage account: a connection string (Azurite, local runs) or service URIs with
/// an identity (production, shared keys disabled). Reads the same settings as the Functions host's
/// <c>AzureWebJobsStorage</c>, so the app and its triggers share one configuration.
/// </summary>
public sealed class AzureStorageConnection
{
    /// <summary>The Functions host's storage setting; the adapters use the same account.</summary>
    public const string DefaultSettingName = "AzureWebJobsStorage";

    private AzureStorageConnection(string? connectionString, Uri? queueServiceUri, Uri? tableServiceUri, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        QueueServiceUri = queueServiceUri;
        TableServiceUri = tableServiceUri;
        Credential = credential;
    }

    public string? ConnectionString { get; }

    public Uri? QueueServiceUri { get; }

    public Uri? TableServiceUri { get; }

    public TokenCredential? Credential { get; }

    /// <summary>Put before every table and queue name (<c>Store:NamePrefix</c>); empty for the plain names.</summary>
    public string NamePrefix { get; private init; } = "";

    /// <summary>
    /// The same account with <paramref name="prefix"/> before every table and queue name, so several deployments or
    /// test runs share one account apart. Empty or null keeps the plain names.
    /// </summary>
    /// <exception cref="ArgumentException">the prefix would make a name Azure refuses (see <see cref="StorageNames.PrefixProblem"/>).</exception>
    public AzureStorageConnection WithNamePrefix(string? prefix)
    {
        StorageNames.ValidatePrefix(prefix);
        return new AzureStorageConnection(ConnectionString, QueueServiceUri, TableServiceUri, Credential) { NamePrefix = prefix ?? "" };
    }

    /// <summary>A storage connection string, e.g. <c>UseDevelopmentStorage=true</c>.</summary>
    public static AzureStorageConnection FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new AzureStorageConnection(connectionString, null, null, null);
    }

    /// <summary>Service endpoints and an identity allowed to use them (Storage Queue/Table Data Contributor).</summary>
    public static AzureStorageConnection FromServiceUris(Uri queueServiceUri, Uri tableServiceUri, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(queueServiceUri);
        ArgumentNullException.ThrowIfNull(tableServiceUri);
        ArgumentNullException.ThrowIfNull(credential);
        return new AzureStorageConnection(null, queueServiceUri, tableServiceUri, credential);
    }

    /// <summary>
    /// Reads the Functions-style settings under <paramref name="name"/>: either <c>name</c> itself as a
    /// connection string, or <c>name__queueServiceUri</c> and <c>name__tableServiceUri</c> (or
    /// <c>name__accountName</c>) with <c>name__credential=managedidentity</c> and optional <c>name__clientId</c>
    /// for a user-assigned identity. Without <c>credential</c> the identity is DefaultAzureCredential.
    /// </summary>
    /// <param name="setting">Looks a setting up, e.g. <c>key =&gt; configuration[key]</c>. Both <c>name:key</c>
    /// (IConfiguration) and <c>name__key</c> (raw environment) spellings are tried.</param>
    /// <exception cref="InvalidOperationException">neither form is configured; the message names the keys.</exception>
    public static AzureStorageConnection FromSettings(Func<string, string?> setting, string name = DefaultSettingName)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        var connectionString = setting(name);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString);
        }

        string? Sub(string key) => NonEmpty(setting($"{name}:{key}")) ?? NonEmpty(setting($"{name}__{key}"));

        var accountName = Sub("accountName");
        var queueUri = Sub("queueServiceUri") ?? (accountName is null ? null : $"https://{accountName}.queue.core.windows.net");
        var tableUri = Sub("tableServiceUri") ?? (accountName is null ? null : $"https://{accountName}.table.core.windows.net");
        if (queueUri is null || tableUri is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{name}' to a connection string, or '{name}__queueServiceUri' and " +
                $"'{name}__tableServiceUri' (or '{name}__accountName') for identity-based access.");
        }

        var credential = CreateCredential(Sub("credential"), Sub("clientId"), name);
        return FromServiceUris(ParseUri(queueUri, $"{name}__queueServiceUri"), ParseUri(tableUri, $"{name}__tableServiceUri"), credential);
    }

    public IMessageQueue CreateMessageQueue() => ConnectionString is not null
        ? new AzureStorageMessageQueue(ConnectionString, NamePrefix)
        : new AzureStorageMessageQueue(QueueServiceUri!, Credential!, NamePrefix);

    public IStateStore CreateStateStore() => ConnectionString is not null
        ? new AzureTableStateStore(ConnectionString, NamePrefix)
        : new AzureTableStateStore(TableServiceUri!, Credential!, NamePrefix);

    /// <summary>For logs: where it points, never the key or token.</summary>
    public override string ToString() => (ConnectionString is not null
        ? "connection string"
        : $"queues {QueueServiceUri}, tables {TableServiceUri}, identity") + (NamePrefix.Length > 0 ? $", names prefixed '{NamePrefix}'" : "");

    private static TokenCredential CreateCredential(string? kind, string? clientId, string name)
    {
        if (kind is null)
        {
            return clientId is null
                ? new DefaultAzureCredential()
                : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
        }
        if (string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(clientId is null
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId));
        }
        throw new InvalidOperationException($"'{name}__credential' is '{kind}'; the only supported value is 'managedidentity'.");
    }

    private static Uri ParseUri(string value, string key) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"'{key}' is not an absolute http(s) URI.");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
