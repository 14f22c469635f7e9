using System.Globalization;
using System.Text.RegularExpressions;
using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alerts.Core.Formatting;

/// <summary>
/// Renders a <see cref="TreatyChange"/> as the Telegram post (or the short update reply) of one channel.
/// Wording lives in the Liquid templates; this class builds their model with every value HTML-escaped,
/// cleans the whitespace, checks the HTML the way Telegram will and splits it to Telegram's length limit.
/// </summary>
public sealed partial class AlertFormatter
{
    /// <summary>Longest context line taken from a source summary, in characters.</summary>
    public const int MaxContextLength = 600;

    private readonly AlertTemplates _templates;
    private readonly ITreatyNames _names;
    private readonly ILogger _logger;
    private readonly TemplateOptions _options;

    public AlertFormatter(AlertTemplates templates, ITreatyNames? names = null, ILogger<AlertFormatter>? logger = null)
    {
        _templates = templates;
        _names = names ?? TreatyNameTable.Empty;
        _logger = logger ?? NullLogger<AlertFormatter>.Instance;
        // Strict: a misspelt variable or filter is an error at start, not a silently empty phrase in a post.
        _options = new TemplateOptions { StrictVariables = true, StrictFilters = true, CultureInfo = CultureInfo.InvariantCulture };
    }

    /// <summary>The post for a change: the first post of an event, and the text an edit puts in its place.</summary>
    public FormattedAlert Format(TreatyChange change, ChannelDefinition channel, int limit = TelegramHtml.MaxMessageLength) =>
        BackfillDigest.IsDigest(change)
            ? Checked(DigestPost.Compose(change, channel, e => RenderHtml(e, channel, isUpdate: false, e.Milestone, digest: true)), change, channel, limit)
            : Render(change, channel, isUpdate: false, previousStage: null, limit);

    /// <summary>The short reply to the earlier post when the event reached a later stage.</summary>
    public FormattedAlert FormatUpdate(TreatyChange change, TreatyMilestone previousStage, ChannelDefinition channel, int limit = TelegramHtml.MaxMessageLength) =>
        Render(change, channel, isUpdate: true, previousStage, limit);

    /// <summary>
    /// Loads, parses and renders every template the channels use against a sample alert, so a broken
    /// template stops the host at start. Throws one exception naming every broken template.
    /// </summary>
    /// <exception cref="AlertTemplateException">a template is missing, does not parse, fails to render or renders invalid HTML.</exception>
    public void ValidateTemplates(IEnumerable<ChannelDefinition> channels)
    {
        var problems = new List<string>();
        foreach (var channel in channels.DistinctBy(c => _templates.PathFor(c)))
        {
            var path = _templates.PathFor(channel);
            try
            {
                foreach (var isUpdate in new[] { false, true })
                {
                    var html = RenderHtml(SampleChange, channel, isUpdate, TreatyMilestone.Announced);
                    if (!TelegramHtml.IsValid(html, out var error))
                    {
                        problems.Add($"{path}: renders HTML Telegram refuses ({error})");
                    }
                    else if (TelegramHtml.ToPlainText(html).Trim().Length == 0)
                    {
                        problems.Add($"{path}: renders an empty message");
                    }
                }
                if (string.Equals(channel.Backfill, BackfillDigest.Digest, StringComparison.OrdinalIgnoreCase)
                    && RenderHtml(SampleChange, channel, isUpdate: false, SampleChange.Milestone, digest: true).Contains('\n', StringComparison.Ordinal))
                {
                    problems.Add($"{path}: renders a backfill digest line over several lines (the channel takes digests; add the {{% if digest %}} branch)");
                }
            }
            catch (AlertTemplateException ex)
            {
                problems.Add($"{ex.Template}: {ex.Problem}");
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
            {
                problems.Add($"{path}: {ex.Message}");
            }
        }
        if (problems.Count > 0)
        {
            throw new AlertTemplateException(string.Join(", ", problems.Select(p => p.Split(':')[0]).Distinct()), string.Join("; ", problems));
        }
    }

    private FormattedAlert Render(TreatyChange change, ChannelDefinition channel, bool isUpdate, TreatyMilestone? previousStage, int limit)
        => Checked(RenderHtml(change, channel, isUpdate, previousStage ?? change.Milestone), change, channel, limit);

    private FormattedAlert Checked(string html, TreatyChange change, ChannelDefinition channel, int limit)
    {
        if (!TelegramHtml.IsValid(html, out var error))
        {
            var problem = $"template {_templates.PathFor(channel)} rendered HTML Telegram refuses: {error}";
            _logger.LogError("Template bug for channel {ChannelId}, event {EventId}: {Problem}; posting plain text", channel.Id, change.EventId, problem);
            return new FormattedAlert(TelegramHtml.Split(TelegramHtml.ToSafePlainHtml(html), limit), problem);
        }
        return new FormattedAlert(TelegramHtml.Split(html, limit));
    }

    private string RenderHtml(TreatyChange change, ChannelDefinition channel, bool isUpdate, TreatyMilestone previousStage, bool digest = false)
    {
        var template = _templates.For(channel);
        var context = new TemplateContext(_options);
        foreach (var (key, value) in Model(change, channel, isUpdate, previousStage))
        {
            context.SetValue(key, FluidValue.Create(value, _options));
        }
        context.SetValue("digest", FluidValue.Create(digest, _options));
        string rendered;
        try
        {
            rendered = template.Render(context, NullEncoder.Default);
        }
        catch (Exception ex) when (ex is FluidException or InvalidOperationException or ArgumentException)
        {
            throw new AlertTemplateException(_templates.PathFor(channel), ex.Message);
        }
        return Clean(rendered);
    }

    /// <summary>Line ends normalized, trailing spaces dropped, at most one blank line between paragraphs.</summary>
    private static string Clean(string rendered)
    {
        var text = rendered.Replace("\r\n", "\n", StringComparison.Ordinal);
        text = TrailingSpaces().Replace(text, "\n");
        text = ManyBlankLines().Replace(text, "\n\n");
        return text.Trim();
    }

    private Dictionary<string, object?> Model(TreatyChange change, ChannelDefinition channel, bool isUpdate, TreatyMilestone previousStage)
        => PostModel.Build(change, channel.Language, _names.Find(change.Treaty.Id, channel.Language), isUpdate, previousStage);

    /// <summary>
    /// The marker at the start of the first line: what kind of step, never a judgement of it (no red for
    /// leaving, no green for joining).
    /// </summary>
    public static string Marker(TreatyAction action) => action switch
    {
        TreatyAction.Withdrawal or TreatyAction.Deratification => "📤",
        TreatyAction.Suspension => "⏸",
        TreatyAction.Ratification or TreatyAction.Accession => "📥",
        TreatyAction.Signature => "✍️",
        TreatyAction.EntryIntoForce => "⚖️",
        _ => "📌",
    };

    /// <summary>The id as people cite it: <c>coe:126</c> → "ETS 126", <c>coe:210</c> → "CETS 210", <c>un:IV-9</c> → "UN IV-9".</summary>
    public static string TreatyLabel(string treatyId)
    {
        if (treatyId.StartsWith("coe:", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(treatyId.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            // The Council of Europe series became CETS from treaty 194 on.
            return (number >= 194 ? "CETS " : "ETS ") + number.ToString(CultureInfo.InvariantCulture);
        }
        if (treatyId.StartsWith("un:", StringComparison.OrdinalIgnoreCase) && treatyId.Length > 3)
        {
            return "UN " + treatyId[3..];
        }
        return "";
    }

    /// <summary>A hashtag body: letters, digits and underscores only (spaces and dashes dropped).</summary>
    public static string Hashtag(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        return new string(text.Where(c => char.IsLetterOrDigit(c) || c == '_').ToArray());
    }

    /// <summary>A context line ends as a sentence, so "… Next: …" that follows it reads as a new one.</summary>
    internal static string AsSentence(string text)
        => text.Length == 0 || ".!?…»\"')".Contains(text[^1], StringComparison.Ordinal) ? text : text + ".";

    internal static string Shorten(string text, int max)
    {
        text = Whitespace().Replace(text, " ").Trim();
        if (text.Length <= max)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', max - 1);
        if (cut < max / 2)
        {
            cut = max - 1;
        }
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }
        return text[..cut].TrimEnd() + "…";
    }

    /// <summary>The seed story, used to check templates at start and by <c>alerts preview</c> without an event.</summary>
    public static TreatyChange SampleChange { get; } = new()
    {
        EventId = "coe-126.withdrawal.ru",
        Revision = 1,
        Treaty = new TreatyRef("coe:126", "European Convention for the Prevention of Torture and Inhuman or Degrading Treatment or Punishment"),
        Action = TreatyAction.Withdrawal,
        States = ["RU"],
        Milestone = TreatyMilestone.Proposed,
        Step = "govt_proposal",
        StepDate = new DateOnly(2025, 8, 23),
        Confidence = 0.95,
        Level = SourceLevel.Official,
        Title = "О внесении Президенту Российской Федерации предложения о денонсации Европейской конвенции по предупреждению пыток и бесчеловечного или унижающего достоинство обращения или наказания",
        Summary = "Постановление от 23 августа 2025 года",
        Contexts = new Dictionary<string, string>
        {
            ["en"] = "Prime Minister Mikhail Mishustin signed a decree proposing that President Vladimir Putin submit the withdrawal from the European Convention for the Prevention of Torture to the State Duma.",
        },
        Sources =
        [
            new SourceRef("moscowtimes", "https://www.themoscowtimes.com/2025/08/26/russia-to-quit-europes-anti-torture-convention-a90280", "Russia to Quit Europe's Anti-Torture Convention", new DateTimeOffset(2025, 8, 26, 10, 14, 0, TimeSpan.Zero), SourceLevel.Media, "en", TreatyMilestone.Proposed),
            new SourceRef("government-ru-docs", "http://government.ru/docs/all/160982/", "О внесении Президенту Российской Федерации предложения о денонсации Европейской конвенции по предупреждению пыток", new DateTimeOffset(2025, 8, 25, 15, 0, 0, TimeSpan.Zero), SourceLevel.Official, "ru", TreatyMilestone.Proposed),
        ],
        DetectedAt = new DateTimeOffset(2025, 8, 26, 10, 20, 0, TimeSpan.Zero),
    };

    [GeneratedRegex(@"[ \t]+\n")]
    private static partial Regex TrailingSpaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ManyBlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
