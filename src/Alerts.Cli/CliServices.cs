using System.CommandLine;
using Alerts.Core;
using Alerts.Hosting;
using Alerts.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alerts.Cli;

/// <summary>
/// Builds the CLI's configuration and services. Precedence, lowest first: appsettings.json next to
/// the program, appsettings.json in the working directory, <c>--config</c>, environment variables
/// (<c>Sources__0__Url</c>, <c>Telegram__BotToken</c>...), then command-line options.
/// </summary>
public static class CliServices
{
    public const string StoreConnectionKey = "Store:ConnectionString";

    public static ConfigurationManager BuildConfiguration(ParseResult parse)
    {
        var builder = new ConfigurationManager();
        AddJsonFile(builder, "appsettings.json", Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        AddJsonFile(builder, "appsettings.json", Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        if (parse.GetValue(CliOptions.Config) is { } file)
        {
            if (!file.Exists)
            {
                throw new ConfigurationProblemException([$"--config: file '{file.FullName}' does not exist"]);
            }
            AddJsonFile(builder, "--config", file.FullName, optional: false);
        }
        builder.AddEnvironmentVariables();
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(CliOptions.Store) is { Length: > 0 } store)
        {
            overrides[StoreConnectionKey] = store;
        }
        builder.AddInMemoryCollection(overrides);
        return builder;
    }

    /// <summary>Adds a JSON file, failing now, naming the file, the line and the position, when it is not valid JSON.</summary>
    private static void AddJsonFile(IConfigurationBuilder builder, string name, string path, bool optional)
    {
        var file = new ConfigurationBuilder().AddJsonFile(path, optional, reloadOnChange: false);
        try
        {
            file.Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new ConfigurationProblemException([$"{name}: " + (ConfigurationShape.DescribeInvalidJson(path, ex) ?? $"'{path}' is not valid JSON: {ex.Message}")]);
        }
        builder.AddJsonFile(path, optional, reloadOnChange: false);
    }

    /// <summary>The host of a command that needs nothing beyond the pipeline, from its parsed <c>--config</c>, <c>--store</c> and <c>--verbose</c>.</summary>
    public static IHost BuildHost(ParseResult parse, CliContext context)
        => CreateBuilder(BuildConfiguration(parse), context, parse.GetValue(CliOptions.Verbose)).Build();

    /// <summary>
    /// The CLI's composition root: a host builder over <paramref name="configuration"/> with logging to stderr and one
    /// <c>AddAlerts…</c> per layer (Core, Hosting, the store: SQLite or Azure Storage). A command adds its channel
    /// sender (<see cref="CliDelivery"/>) and its own services, builds the host and, to check the configuration
    /// first, starts it (<see cref="PipelineServices.Start"/>).
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(IConfiguration configuration, CliContext context, bool verbose)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            Configuration = configuration as ConfigurationManager ?? ToManager(configuration),
        });
        var services = builder.Services;
        // The command, not the host, answers Ctrl+C and SIGTERM (System.CommandLine's cancellation token).
        services.AddSingleton<IHostLifetime, CommandLifetime>();
        services.AddSingleton(context);
        services.AddLogging(logging =>
        {
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
            logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
            // HttpClient logs request URLs; some carry tokens (Telegram puts it in the path).
            logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
            // A start that fails is reported by the command, one line per problem (exit 3); the host's own
            // "Hosting failed to start" record would add a stack trace. --verbose keeps it for developers.
            logging.AddFilter("Microsoft.Extensions.Hosting", verbose ? LogLevel.Information : LogLevel.None);
        });
        services.AddAlertsCore(configuration);
        services.AddAlertsHosting(configuration, AppContext.BaseDirectory);
        AddStore(services, configuration[StoreConnectionKey] ?? SqliteDatabase.DefaultConnectionString, configuration[ConfigurationShape.NamePrefixKey]);
        return builder;
    }

    private static ConfigurationManager ToManager(IConfiguration configuration)
    {
        var manager = new ConfigurationManager();
        manager.AddConfiguration(configuration);
        return manager;
    }

    /// <summary>
    /// SQLite for a SQLite connection string (the default); Azure Storage for an Azure one, its table and queue names
    /// prefixed with <paramref name="namePrefix"/> (<c>Store:NamePrefix</c>; a SQLite store is a file of its own and needs none).
    /// </summary>
    public static void AddStore(IServiceCollection services, string connectionString, string? namePrefix = null)
    {
        if (IsAzureStorage(connectionString))
        {
            AzureStore.Add(services, connectionString, namePrefix);
            return;
        }
        services.AddAlertsSqlite(connectionString);
    }

    public static bool IsAzureStorage(string connectionString)
        => AzureStore.IsServiceUri(connectionString)
           || connectionString.Contains("UseDevelopmentStorage=", StringComparison.OrdinalIgnoreCase)
           || connectionString.Contains("AccountName=", StringComparison.OrdinalIgnoreCase)
           || connectionString.Contains("QueueEndpoint=", StringComparison.OrdinalIgnoreCase)
           || connectionString.Contains("TableEndpoint=", StringComparison.OrdinalIgnoreCase);
}
