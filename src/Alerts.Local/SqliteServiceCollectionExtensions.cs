using Alerts.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Local;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>Registers the SQLite adapters: state (<see cref="IStateStore"/>) and the durable queue (<see cref="IMessageQueue"/>) in one file.</summary>
    public static IServiceCollection AddAlertsSqlite(this IServiceCollection services, string connectionString)
    {
        var database = new SqliteDatabase(connectionString);
        services.AddSingleton(database);
        services.AddSingleton<IStateStore>(sp => new SqliteStateStore(database, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IMessageQueue>(sp => new SqliteMessageQueue(database, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
