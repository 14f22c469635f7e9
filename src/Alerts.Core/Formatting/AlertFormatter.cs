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
    private const int MaxSources = 5;

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
        Render(change, channel, isUpdate: false, previousStage: null, limit);

    /// <summary>The short reply to the earlier post when the event reached a later stage.</summary>
    public FormattedAlert FormatUpdate(TreatyChange change, TreatyStage previousStage, ChannelDefinition channel, int limit = TelegramHtml.MaxMessageLength) =>
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
                    var html = RenderHtml(SampleChange, channel, isUpdate, TreatyStage.Announced);
                    if (!TelegramHtml.IsValid(html, out var error))
                    {
                        problems.Add($"{path}: renders HTML Telegram refuses ({error})");
                    }
                    else if (TelegramHtml.ToPlainText(html).Trim().Length == 0)
                    {
                        problems.Add($"{path}: renders an empty message");
                    }
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

    private FormattedAlert Render(TreatyChange change, ChannelDefinition channel, bool isUpdate, TreatyStage? previousStage, int limit)
    {
        var html = RenderHtml(change, channel, isUpdate, previousStage ?? change.Stage);
        if (!TelegramHtml.IsValid(html, out var error))
        {
            var problem = $"template {_templates.PathFor(channel)} rendered HTML Telegram refuses: {error}";
            _logger.LogError("Template bug for channel {ChannelId}, event {EventId}: {Problem}; posting plain text", channel.Id, change.EventId, problem);
            return new FormattedAlert(TelegramHtml.Split(TelegramHtml.ToSafePlainHtml(html), limit), problem);
        }
        return new FormattedAlert(TelegramHtml.Split(html, limit));
    }

    private string RenderHtml(TreatyChange change, ChannelDefinition channel, bool isUpdate, TreatyStage previousStage)
    {
        var template = _templates.For(channel);
        var context = new TemplateContext(_options);
        foreach (var (key, value) in Model(change, channel, isUpdate, previousStage))
        {
            context.SetValue(key, FluidValue.Create(value, _options));
        }
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

    private Dictionary<string, object?> Model(TreatyChange change, ChannelDefinition channel, bool isUpdate, TreatyStage previousStage)
    {
        var language = channel.Language;
        var states = change.States
            .Select(code => new Dictionary<string, object?>
            {
                ["code"] = TelegramHtml.Escape(code.ToUpperInvariant()),
                ["name"] = TelegramHtml.Escape(StateNames.Name(code, language)),
                ["tag"] = Hashtag(StateNames.Name(code, language)),
            })
            .ToList();
        var stateNames = change.States.Select(code => StateNames.Name(code, language)).ToList();
        var known = _names.Find(change.Treaty.Id, language);
        var treatyName = known?.Name ?? change.Treaty.Name;
        var sources = change.Sources
            .DistinctBy(s => s.Link)
            .OrderByDescending(s => s.Authority)
            .Take(MaxSources)
            .Select(s => new Dictionary<string, object?>
            {
                ["link"] = SafeLink(s.Link),
                ["host"] = TelegramHtml.Escape(Host(s.Link) ?? s.SourceId),
                ["level"] = Vocabulary.Name(s.Authority),
                ["title"] = TelegramHtml.Escape(s.Title),
            })
            .ToList();
        var context = change.Summary.Trim().Length > 0 ? change.Summary.Trim() : change.Sources.FirstOrDefault()?.Title ?? change.Title;

        return new Dictionary<string, object?>
        {
            ["language"] = language,
            ["is_update"] = isUpdate,
            ["marker"] = Marker(change.Action),
            ["action"] = Vocabulary.Name(change.Action),
            ["stage"] = Vocabulary.Name(change.Stage),
            ["previous_stage"] = Vocabulary.Name(previousStage),
            ["level"] = Vocabulary.Name(change.Level),
            ["confidence"] = change.Confidence.ToString("0.00", CultureInfo.InvariantCulture),
            ["states"] = states,
            ["state_codes"] = change.States.Select(s => s.ToUpperInvariant()).ToList(),
            ["states_text"] = TelegramHtml.Escape(JoinNames(stateNames, language)),
            ["treaty"] = new Dictionary<string, object?>
            {
                ["id"] = TelegramHtml.Escape(change.Treaty.Id),
                ["name"] = TelegramHtml.Escape(treatyName),
                ["label"] = TelegramHtml.Escape(TreatyLabel(change.Treaty.Id)),
                ["tag"] = Hashtag(known?.ShortName ?? TreatyLabel(change.Treaty.Id)),
            },
            ["title"] = TelegramHtml.Escape(change.Title),
            ["summary"] = TelegramHtml.Escape(AsSentence(Shorten(context, MaxContextLength))),
            ["sources"] = sources,
            ["event_id"] = TelegramHtml.Escape(change.EventId),
            ["revision"] = change.Revision,
        };
    }

    /// <summary>The marker at the start of the first line: red for leaving, green for joining.</summary>
    public static string Marker(TreatyAction action) => action switch
    {
        TreatyAction.Withdrawal or TreatyAction.Suspension or TreatyAction.Deratification => "🔴",
        TreatyAction.Ratification or TreatyAction.Accession => "🟢",
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

    private static string JoinNames(IReadOnlyList<string> names, string language) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + (language == "ru" ? " и " : " and ") + names[^1],
    };

    private static string SafeLink(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? TelegramHtml.Escape(uri.AbsoluteUri)
            : "";

    private static string? Host(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host)
            : null;

    /// <summary>A context line ends as a sentence, so "… Next: …" that follows it reads as a new one.</summary>
    private static string AsSentence(string text)
        => text.Length == 0 || ".!?…»\"')".Contains(text[^1], StringComparison.Ordinal) ? text : text + ".";

    private static string Shorten(string text, int max)
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
        EventId = "sample-ru-coe126-withdrawal",
        Revision = 1,
        Treaty = new TreatyRef("coe:126", "European Convention for the Prevention of Torture and Inhuman or Degrading Treatment or Punishment"),
        Action = TreatyAction.Withdrawal,
        States = ["RU"],
        Stage = TreatyStage.Proposed,
        Confidence = 0.95,
        Level = SourceLevel.Official,
        Title = "On submitting to the President a proposal to denounce the European Convention for the Prevention of Torture",
        Summary = "the Prime Minister signed a decree proposing that the President submit the denunciation to the State Duma.",
        Sources =
        [
            new SourceRef("government-ru", "http://government.ru/docs/all/159000/", "Decree proposing the denunciation", new DateTimeOffset(2025, 8, 26, 9, 0, 0, TimeSpan.Zero), SourceLevel.Official),
            new SourceRef("moscow-times", "https://www.themoscowtimes.com/2025/08/26/russia-to-quit-europes-anti-torture-convention-a90317", "Russia to Quit Europe's Anti-Torture Convention", new DateTimeOffset(2025, 8, 26, 12, 0, 0, TimeSpan.Zero), SourceLevel.Media),
        ],
        DetectedAt = new DateTimeOffset(2025, 8, 26, 12, 5, 0, TimeSpan.Zero),
    };

    [GeneratedRegex(@"[ \t]+\n")]
    private static partial Regex TrailingSpaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ManyBlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
