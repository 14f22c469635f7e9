namespace Alerts.Core.Detection;

/// <summary>
/// The words of a normalised text as the treaty-name and state matchers read them: each word's text, stem, whether it
/// is a function word and whether it was written in capitals. Two readings share those matchers: a segment's
/// <see cref="Token"/> list (<see cref="TokenWords"/>) and the words of a text read into reused buffers without a string
/// per word (<see cref="SpanWords"/>), which the detector reads first to let most items go before it builds the list.
/// </summary>
internal interface IWordList
{
    int Count { get; }

    ReadOnlySpan<char> Text(int i);

    ReadOnlySpan<char> Stem(int i);

    bool IsStop(int i);

    bool IsUpper(int i);
}

/// <summary>A segment's tokens as an <see cref="IWordList"/>.</summary>
internal readonly struct TokenWords(List<Token> tokens) : IWordList
{
    public int Count => tokens.Count;

    public ReadOnlySpan<char> Text(int i) => tokens[i].Text;

    public ReadOnlySpan<char> Stem(int i) => tokens[i].Stem;

    public bool IsStop(int i) => tokens[i].IsStop;

    public bool IsUpper(int i) => tokens[i].IsUpper;
}

/// <summary>One word of a <see cref="SpanWords"/>: where it is in the text, where its stem is in the stem buffer.</summary>
internal readonly record struct SpanWord(int Start, int End, int StemStart, int StemLength, bool IsStop);

/// <summary>
/// The words <see cref="TextTokens.Tokenize"/> would make of a normalised text (same split, same stems, same function
/// words, same capitals test), held as positions into the text and into a buffer of stems.
/// </summary>
internal readonly ref struct SpanWords : IWordList
{
    private readonly ReadOnlySpan<char> _text;
    private readonly ReadOnlySpan<char> _cased;
    private readonly ReadOnlySpan<SpanWord> _words;
    private readonly ReadOnlySpan<char> _stems;

    private SpanWords(ReadOnlySpan<char> text, ReadOnlySpan<char> cased, ReadOnlySpan<SpanWord> words, ReadOnlySpan<char> stems)
    {
        _text = text;
        _cased = cased;
        _words = words;
        _stems = stems;
    }

    public int Count => _words.Length;

    public ReadOnlySpan<char> Text(int i) => _text[_words[i].Start.._words[i].End];

    public ReadOnlySpan<char> Stem(int i) => _stems.Slice(_words[i].StemStart, _words[i].StemLength);

    public bool IsStop(int i) => _words[i].IsStop;

    public bool IsUpper(int i) => TextTokens.IsAllUpper(_cased[_words[i].Start.._words[i].End]);

    /// <summary>
    /// Reads the words of <paramref name="text"/> (normalised; <paramref name="cased"/> the same text with its case kept,
    /// of the same length) into <paramref name="scratch"/>'s buffers, grown when too small. The answer is valid until the
    /// next read into the same scratch.
    /// </summary>
    public static SpanWords Read(ReadOnlySpan<char> text, ReadOnlySpan<char> cased, DetectionScratch scratch)
    {
        // A word takes a character and a separator at least (+1 for the last); a stem is never longer than its word.
        if (scratch.Words.Length < text.Length / 2 + 1)
        {
            scratch.Words = new SpanWord[Math.Max(text.Length / 2 + 1, 2 * scratch.Words.Length)];
        }
        if (scratch.Stems.Length < text.Length)
        {
            scratch.Stems = new char[Math.Max(text.Length, 2 * scratch.Stems.Length)];
        }
        var words = scratch.Words;
        var stems = scratch.Stems;
        int count = 0, stemEnd = 0, i = 0;
        while (TextTokens.NextWord(text, ref i, out var start))
        {
            var word = text[start..i];
            var length = TextTokens.StemLength(word, out var addY);
            word[..length].CopyTo(stems.AsSpan(stemEnd));
            if (addY)
            {
                stems[stemEnd + length++] = 'y';
            }
            words[count++] = new SpanWord(start, i, stemEnd, length, TextTokens.IsStopWord(word));
            stemEnd += length;
        }
        return new SpanWords(text, cased, words.AsSpan(0, count), stems.AsSpan(0, stemEnd));
    }
}

/// <summary>
/// Buffers one thread reuses from item to item for the work done before an item is known to be worth a segment: the
/// normalised title and summary (lower case and case kept) and their words. The poller detects on several threads at
/// once, so each thread has its own; nothing read from them outlives one <see cref="TreatyDetector.Detect"/> call.
/// </summary>
internal sealed class DetectionScratch
{
    [ThreadStatic]
    private static DetectionScratch? t_current;

    public static DetectionScratch Current => t_current ??= new DetectionScratch();

    public char[] TitleLower = new char[256];
    public char[] TitleCased = new char[256];
    public char[] SummaryLower = new char[1024];
    public char[] SummaryCased = new char[1024];
    public SpanWord[] Words = new SpanWord[256];
    public char[] Stems = new char[1024];
}
