using System.CommandLine;

namespace Alerts.Cli;

/// <summary>Options shared by the commands that read configuration or state.</summary>
public static class CliOptions
{
    public static Option<FileInfo?> Config { get; } = new("--config")
    {
        Description = "A JSON configuration file (same keys as the Functions app settings: Sources, Channels, Telegram, Store).",
        Recursive = true,
    };

    public static Option<string?> Store { get; } = new("--store")
    {
        Description = "State and queue store: a SQLite connection string (default 'Data Source=.alerts/alerts.db') or an Azure Storage connection string (Azurite: UseDevelopmentStorage=true), or a storage account's queue endpoint (https://<account>.queue.core.windows.net, signed in with az login).",
        Recursive = true,
    };

    public static Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log progress (to stderr).",
        Recursive = true,
    };

    /// <summary>
    /// <c>--format</c> of the list commands: <c>table</c> for people (the default) or <c>jsonl</c>, one JSON object a
    /// line for scripts (<see cref="CliContext.WriteJsonLinesAsync{T,TLine}"/>). A new option each call: an option belongs to one command.
    /// </summary>
    public static Option<string> TableOrJsonl()
    {
        var format = new Option<string>("--format") { Description = "table or jsonl", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "jsonl");
        return format;
    }
}
