using System.Text.RegularExpressions;
using Alerts.Core.Detection;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;

namespace Alerts.Core.Subscriptions;

/// <summary>
/// Reads what a user types after <c>/follow</c> — a state (<c>RU</c>, <c>Russia</c>, <c>Россия</c>), a treaty
/// (<c>coe:126</c>, <c>New START</c>, <c>ДВЗЯИ</c>), an action (<c>withdrawal</c>, <c>выход</c>) or a combination — with
/// the detector's own treaty catalogue and state lexicon, and says a filter back in words in English or Russian.
/// </summary>
public sealed partial class FilterParser(TreatyCatalog catalog)
{
    private static readonly Dictionary<string, TreatyAction> ActionWords = BuildActions();

    private static readonly HashSet<string> EverythingWords = new(StringComparer.Ordinal) { "all", "everything", "все", "всё", "всe" };

    /// <summary>Parses one filter. On failure <see cref="FilterParse.Unknown"/> lists the words not understood.</summary>
    public FilterParse Parse(string text)
    {
        var rest = text.Trim();
        string? treaty = null;
        // Catalogue ids as written (coe:126, un:xxvi-8) first: the tokenizer would split them.
        foreach (Match id in TreatyIdPattern().Matches(rest))
        {
            if ((catalog.Find(id.Value) ?? catalog.Entries.FirstOrDefault(e => string.Equals(e.Id, id.Value, StringComparison.OrdinalIgnoreCase))) is { } entry)
            {
                if (treaty is not null && treaty != entry.Id)
                {
                    return FilterParse.Fail(FilterProblem.TwoTreaties, []);
                }
                treaty = entry.Id;
                rest = rest.Replace(id.Value, " ", StringComparison.Ordinal);
            }
        }

        var normalized = TextNormalizer.Normalize(rest, out var cased);
        var tokens = TextTokens.Tokenize(normalized, cased);
        var covered = new bool[tokens.Count];
        var states = new HashSet<string>(StringComparer.Ordinal);
        var actions = new HashSet<TreatyAction>();
        var everything = false;

        foreach (var mention in catalog.FindMentions(tokens))
        {
            if (treaty is not null && treaty != mention.Entry.Id)
            {
                return FilterParse.Fail(FilterProblem.TwoTreaties, []);
            }
            treaty = mention.Entry.Id;
            Cover(covered, mention.Start, mention.End);
        }
        foreach (var mention in StateLexicon.Find(tokens))
        {
            if (!covered[mention.Start])
            {
                states.Add(mention.Code);
                Cover(covered, mention.Start, mention.End);
            }
        }
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (covered[i])
            {
                continue;
            }
            if (token.IsStop)
            {
                covered[i] = true;
            }
            else if (token.Text.Length == 2 && token.IsUpper && StateNames.IsKnown(token.Text))
            {
                states.Add(token.Text.ToUpperInvariant());
                covered[i] = true;
            }
            else if (ActionWords.TryGetValue(token.Text, out var action) || ActionWords.TryGetValue(token.Stem, out action))
            {
                actions.Add(action);
                covered[i] = true;
            }
            else if (EverythingWords.Contains(token.Text))
            {
                everything = true;
                covered[i] = true;
            }
        }
        // "entry into force", "вступление в силу": the second word alone means nothing.
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!covered[i] && tokens[i].Text is "into" or "force" or "силу" && actions.Contains(TreatyAction.EntryIntoForce))
            {
                covered[i] = true;
            }
        }

        // «отзыв ратификации» is one step, not two.
        if (actions.Contains(TreatyAction.Deratification))
        {
            actions.Remove(TreatyAction.Ratification);
        }
        var unknown = tokens.Where((t, i) => !covered[i]).Select(t => t.Text).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return FilterParse.Fail(FilterProblem.UnknownWords, unknown);
        }
        if (states.Count > 1)
        {
            return FilterParse.Fail(FilterProblem.TwoStates, [.. states.Order(StringComparer.Ordinal)]);
        }
        if (actions.Count > 1)
        {
            return FilterParse.Fail(FilterProblem.TwoActions, [.. actions.Select(Vocabulary.Name)]);
        }
        var filter = new SubscriptionFilter(states.FirstOrDefault(), treaty, actions.Count == 1 ? actions.First() : null);
        if (filter == SubscriptionFilter.Everything && !everything)
        {
            return FilterParse.Fail(FilterProblem.Empty, []);
        }
        return new FilterParse(filter, FilterProblem.None, []);
    }

    /// <summary>The filter in words: "Russia — withdrawals, all treaties", «Россия — выход, все договоры».</summary>
    public string Describe(SubscriptionFilter filter, string language)
    {
        var ru = language == "ru";
        var state = filter.State is { } s ? StateNames.Name(s, language) : ru ? "Все государства" : "All states";
        var action = filter.Action is { } a ? ActionName(a, ru) : ru ? "все шаги" : "all steps";
        var treaty = filter.TreatyId is { } t ? TreatyName(t, ru) : ru ? "все договоры" : "all treaties";
        return $"{state} — {action}, {treaty}";
    }

    public string TreatyName(string treatyId, bool russian)
    {
        if (catalog.Find(treatyId) is not { } entry)
        {
            return treatyId;
        }
        if (russian)
        {
            return entry.ShortNamesRu.FirstOrDefault() ?? (entry.NameRu.Length > 0 ? entry.NameRu : entry.DisplayName);
        }
        return entry.DisplayName;
    }

    public static string ActionName(TreatyAction action, bool russian) => action switch
    {
        TreatyAction.Signature => russian ? "подписание" : "signatures",
        TreatyAction.Ratification => russian ? "ратификация" : "ratifications",
        TreatyAction.Accession => russian ? "присоединение" : "accessions",
        TreatyAction.Withdrawal => russian ? "выход" : "withdrawals",
        TreatyAction.Suspension => russian ? "приостановление" : "suspensions",
        TreatyAction.EntryIntoForce => russian ? "вступление в силу" : "entries into force",
        TreatyAction.Deratification => russian ? "отзыв ратификации" : "deratifications",
        _ => russian ? "другие шаги" : "other steps",
    };

    private static void Cover(bool[] covered, int start, int end)
    {
        for (var i = start; i < end && i < covered.Length; i++)
        {
            covered[i] = true;
        }
    }

    private static Dictionary<string, TreatyAction> BuildActions()
    {
        var words = new Dictionary<string, TreatyAction>(StringComparer.Ordinal);
        void Add(TreatyAction action, string list)
        {
            foreach (var word in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                words[word] = action;
                words[TextTokens.Stem(word)] = action;
            }
        }
        Add(TreatyAction.Withdrawal, "withdrawal withdrawals withdraw withdraws exit exits denunciation denunciations denounce quit leave выход выхода выходы денонсация денонсации");
        Add(TreatyAction.Ratification, "ratification ratifications ratify ратификация ратификации");
        Add(TreatyAction.Signature, "signature signatures sign signing подписание подписания");
        Add(TreatyAction.Accession, "accession accessions accede join присоединение присоединения");
        Add(TreatyAction.Suspension, "suspension suspensions suspend приостановление приостановления приостановка");
        Add(TreatyAction.Deratification, "deratification deratifications дератификация отзыв");
        Add(TreatyAction.EntryIntoForce, "entry вступление");
        return words;
    }

    [GeneratedRegex(@"\b[a-z]{2,10}:[a-z0-9][a-z0-9._-]{0,40}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex TreatyIdPattern();
}

public enum FilterProblem
{
    None,
    /// <summary>Nothing to follow was named.</summary>
    Empty,
    /// <summary>Words that are no state, treaty or action.</summary>
    UnknownWords,
    TwoStates,
    TwoTreaties,
    TwoActions,
}

/// <summary>A parsed filter, or why there is none (with the words concerned).</summary>
public sealed record FilterParse(SubscriptionFilter? Filter, FilterProblem Problem, IReadOnlyList<string> Words)
{
    public static FilterParse Fail(FilterProblem problem, IReadOnlyList<string> words) => new(null, problem, words);
}
