using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Alerts.Core.Detection;
using Alerts.Core.Messages;

namespace Alerts.Core.Events;

/// <summary>Readable, stable event ids: treaty, action and states, e.g. <c>coe-126.withdrawal.ru</c>.</summary>
public static class EventIds
{
    /// <summary>The id of the first event of a detection's (treaty, action, states); later ones add <c>-2</c>, <c>-3</c>...</summary>
    public static string For(TreatyDetection detection)
    {
        ArgumentNullException.ThrowIfNull(detection);
        var treaty = detection.Treaty.Id == TreatyRef.UnknownId
            ? "unknown-" + ShortHash(NormaliseName(detection.Treaty.Name))
            : Slug(detection.Treaty.Id);
        var states = detection.States.Count == 0 ? "xx" : string.Join('-', detection.States.Select(s => s.ToLowerInvariant()).Order(StringComparer.Ordinal));
        return $"{treaty}.{Vocabulary.Name(detection.Action)}.{states}";
    }

    /// <summary>The id of event number <paramref name="sequence"/> (2 or more) of the key <paramref name="baseId"/>.</summary>
    public static string Successor(string baseId, int sequence) => $"{baseId}-{sequence}";

    private static string Slug(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var c in id.ToLowerInvariant())
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        return sb.ToString().Trim('-');
    }

    private static string NormaliseName(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant().Replace('ё', 'е'))
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static string ShortHash(string value)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 6)).ToString(CultureInfo.InvariantCulture);
}
