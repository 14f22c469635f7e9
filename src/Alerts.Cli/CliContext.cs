using System.Text.Json.Serialization.Metadata;
using Alerts.Core.Messages;
using Spectre.Console;

namespace Alerts.Cli;

/// <summary>Where a command writes: stdout for results (JSON lines, tables), stderr for logs and errors.</summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>A Spectre console on stdout; plain (no colours, no ANSI) when stdout is not a terminal.</summary>
    public IAnsiConsole Console { get; } = CreateConsole(output);

    /// <summary>
    /// Writes one JSON object a line to stdout, <paramref name="line"/> of each row (<c>--format jsonl</c>), with the
    /// generated contract <paramref name="type"/> (see <see cref="CliJsonContext"/>) and <see cref="MessageJson"/>'s options.
    /// </summary>
    public async Task WriteJsonLinesAsync<T, TLine>(IEnumerable<T> rows, Func<T, TLine> line, JsonTypeInfo<TLine> type)
    {
        foreach (var row in rows)
        {
            await Output.WriteLineAsync(MessageJson.Serialize(line(row), type));
        }
    }

    private static IAnsiConsole CreateConsole(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!ReferenceEquals(output, System.Console.Out) || System.Console.IsOutputRedirected)
        {
            // Piped output has no width; wide tables beat wrapped cells for grep and scripts.
            console.Profile.Width = 240;
        }
        return console;
    }
}
