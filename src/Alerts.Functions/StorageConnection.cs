namespace Alerts.Functions;

/// <summary>
/// The connection setting every binding uses. In Azure it is identity-based
/// (<c>AzureWebJobsStorage__queueServiceUri</c>, <c>__credential</c>, <c>__clientId</c>); locally <c>UseDevelopmentStorage=true</c>.
/// </summary>
public static class StorageConnection
{
    public const string Name = "AzureWebJobsStorage";
}
