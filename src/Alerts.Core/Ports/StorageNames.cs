namespace Alerts.Core.Ports;

/// <summary>
/// The Azure Storage naming rules for tables and queues. Part of the ports' contract: both adapters
/// enforce them, so a name that works with the local store also works against Azure, and a bad name
/// fails with a message that says why before any call to a service.
/// </summary>
public static class StorageNames
{
    public static void ValidateTable(string table)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        if (table.Length is < 3 or > 63 || !char.IsAsciiLetterLower(table[0])
            || !table.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            throw new ArgumentException($"Table name '{table}' must be 3-63 lowercase letters and digits, starting with a letter.", nameof(table));
        }
    }

    public static void ValidateQueue(string queue)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        if (queue.Length is < 3 or > 63
            || !char.IsAsciiLetterOrDigit(queue[0]) || !char.IsAsciiLetterOrDigit(queue[^1])
            || queue.Contains("--", StringComparison.Ordinal)
            || !queue.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException(
                $"Queue name '{queue}' must be 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(queue));
        }
    }

    /// <summary>The longest prefix: the longest queue name (<c>telegram-deliveries-poison</c>, 26) plus it stays within 63.</summary>
    public const int MaxPrefixLength = 37;

    /// <summary>
    /// Checks a table and queue name prefix (<c>Store:NamePrefix</c>): empty, or lowercase letters and digits starting
    /// with a letter, at most <see cref="MaxPrefixLength"/>, so every prefixed table and queue name stays valid in Azure.
    /// Returns the problem, or null when the prefix is fine.
    /// </summary>
    public static string? PrefixProblem(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return null;
        }
        if (prefix.Length > MaxPrefixLength || !char.IsAsciiLetterLower(prefix[0])
            || !prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            return $"'{prefix}' must be 1-{MaxPrefixLength} lowercase letters and digits, starting with a letter " +
                   "(it is put before every table and queue name, and Azure allows only those characters in table names)";
        }
        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <see cref="PrefixProblem"/> finds one.</summary>
    public static void ValidatePrefix(string? prefix)
    {
        if (PrefixProblem(prefix) is { } problem)
        {
            throw new ArgumentException($"Name prefix {problem}.", nameof(prefix));
        }
    }
}
