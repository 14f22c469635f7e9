using Alerts.Core.Messages;
using Alerts.Core.Routing;

namespace Alerts.Core.Formatting;

/// <summary>
/// The text of a backfill digest (<see cref="BackfillDigest"/>): a header saying these are earlier steps, not news,
/// then one line per old event, each rendered by the channel's template with <c>digest</c> set (headline, the step's
/// date, the first source), in the channel's language.
/// </summary>
public static class DigestPost
{
    public static string Compose(TreatyChange digest, ChannelDefinition channel, Func<TreatyChange, string> line)
    {
        var entries = BackfillDigest.EntriesFor(digest, channel);
        var russian = channel.Language == "ru";
        var checkedOn = PostModel.FormatDate(digest.StepDate, channel.Language);
        var header = russian
            ? $"🗂 <b>Ранее: шаги по договорам, найденные в архиве источника</b> (не новости, проверено {checkedOn})"
            : $"🗂 <b>Earlier steps on treaties, found in a source's archive</b> (not news; checked on {checkedOn})";
        return header + "\n\n" + string.Join("\n", entries.Select(e => line(e).ReplaceLineEndings(" ").Trim()));
    }
}
