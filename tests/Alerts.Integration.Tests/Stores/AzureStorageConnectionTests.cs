using Alerts.Azure;
using Azure.Identity;

namespace Alerts.Integration.Tests.Stores;

/// <summary>Reading the Functions-style storage settings; nothing here talks to a service.</summary>
public sealed class AzureStorageConnectionTests
{
    private static AzureStorageConnection Read(Dictionary<string, string?> settings) =>
        AzureStorageConnection.FromSettings(key => settings.GetValueOrDefault(key));

    [Fact]
    public void A_connection_string_setting_wins()
    {
        var connection = Read(new()
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://ignored.queue.core.windows.net",
        });

        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
        Assert.Null(connection.Credential);
        Assert.IsType<AzureStorageMessageQueue>(connection.CreateMessageQueue());
        Assert.IsType<AzureTableStateStore>(connection.CreateStateStore());
    }

    [Fact]
    public void Service_uris_with_a_user_assigned_managed_identity_as_configuration_keys()
    {
        var connection = Read(new()
        {
            ["AzureWebJobsStorage:queueServiceUri"] = "https://stalerts.queue.core.windows.net",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://stalerts.table.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Null(connection.ConnectionString);
        Assert.Equal(new Uri("https://stalerts.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.Equal(new Uri("https://stalerts.table.core.windows.net"), connection.TableServiceUri);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
        Assert.IsType<AzureStorageMessageQueue>(connection.CreateMessageQueue());
        Assert.IsType<AzureTableStateStore>(connection.CreateStateStore());
    }

    [Fact]
    public void Environment_style_double_underscore_keys_and_an_account_name_work_too()
    {
        var connection = Read(new()
        {
            ["AzureWebJobsStorage__accountName"] = "stalerts",
            ["AzureWebJobsStorage__credential"] = "ManagedIdentity",
        });

        Assert.Equal(new Uri("https://stalerts.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.Equal(new Uri("https://stalerts.table.core.windows.net"), connection.TableServiceUri);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
    }

    [Fact]
    public void Without_a_credential_setting_the_default_credential_chain_is_used()
    {
        var connection = Read(new()
        {
            ["AzureWebJobsStorage:queueServiceUri"] = "https://stalerts.queue.core.windows.net",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://stalerts.table.core.windows.net",
        });

        Assert.IsType<DefaultAzureCredential>(connection.Credential);
    }

    [Fact]
    public void Missing_settings_fail_with_a_message_naming_the_keys()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Read(new()));

        Assert.Contains("AzureWebJobsStorage", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_credential_kind_and_a_bad_uri_are_refused_by_key()
    {
        var unknown = Assert.Throws<InvalidOperationException>(() => Read(new()
        {
            ["AzureWebJobsStorage:accountName"] = "stalerts",
            ["AzureWebJobsStorage:credential"] = "clientsecret",
        }));
        Assert.Contains("AzureWebJobsStorage__credential", unknown.Message, StringComparison.Ordinal);

        var badUri = Assert.Throws<InvalidOperationException>(() => Read(new()
        {
            ["AzureWebJobsStorage:queueServiceUri"] = "not a uri",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://stalerts.table.core.windows.net",
        }));
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", badUri.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_never_shows_the_connection_string()
    {
        const string secret = "DefaultEndpointsProtocol=https;AccountName=stalerts;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net";

        var text = AzureStorageConnection.FromConnectionString(secret).ToString();

        Assert.DoesNotContain("c2VjcmV0", text, StringComparison.Ordinal);
    }
}
