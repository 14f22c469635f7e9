using Alerts.Core.Formatting;

namespace Alerts.Core.Tests.Formatting;

public class TelegramHtmlTests
{
    [Theory]
    [InlineData("<b>bold</b> &amp; <a href=\"https://x.org/?a=1&amp;b=2\">link</a>", true)]
    [InlineData("<i>unclosed", false)]
    [InlineData("a <br> b", false)]
    [InlineData("a & b", false)]
    [InlineData("a > b", false)]
    [InlineData("<b><i>crossed</b></i>", false)]
    [InlineData("&#128308; &#x1F534; &quot;", true)]
    public void Validation_follows_telegrams_rules(string html, bool valid)
    {
        Assert.Equal(valid, TelegramHtml.IsValid(html, out _));
    }

    [Fact]
    public void Length_is_counted_in_utf16_units_after_entity_parsing()
    {
        // 🔴 is two UTF-16 units; &amp; is one character; tags count nothing.
        Assert.Equal(2 + 1 + 1 + 1 + 4, TelegramHtml.VisibleLength("🔴 <b>&amp;</b> <a href=\"https://a.b\">link</a>"));
    }

    [Fact]
    public void Short_posts_are_not_split()
    {
        Assert.Equal(["<b>a</b>\n\nb"], TelegramHtml.Split("<b>a</b>\n\nb", 100));
    }

    [Fact]
    public void Long_posts_split_at_paragraph_boundaries()
    {
        var p1 = "<b>" + new string('a', 40) + "</b>";
        var p2 = new string('b', 40);
        var p3 = new string('c', 40);

        var parts = TelegramHtml.Split($"{p1}\n\n{p2}\n\n{p3}", 90);

        Assert.Equal([$"{p1}\n\n{p2}", p3], parts);
    }

    [Fact]
    public void A_tag_open_across_the_cut_is_closed_and_reopened()
    {
        var html = "<blockquote>" + new string('a', 30) + "\n\n" + new string('b', 30) + "</blockquote>";

        var parts = TelegramHtml.Split(html, 40);

        Assert.Equal(["<blockquote>" + new string('a', 30) + "</blockquote>", "<blockquote>" + new string('b', 30) + "</blockquote>"], parts);
    }

    [Fact]
    public void Without_boundaries_the_cut_never_splits_an_entity_or_a_surrogate_pair()
    {
        var html = string.Concat(Enumerable.Repeat("🔴&amp;x", 50));

        var parts = TelegramHtml.Split(html, 7);

        Assert.True(parts.Count > 1);
        Assert.Equal(html, string.Concat(parts));
        foreach (var part in parts)
        {
            Assert.True(TelegramHtml.IsValid(part, out var error), error);
            Assert.True(TelegramHtml.VisibleLength(part) <= 7);
            Assert.False(char.IsHighSurrogate(part[^1]));
            Assert.False(char.IsLowSurrogate(part[0]));
        }
    }

    [Fact]
    public void A_realistic_long_post_splits_into_valid_parts_within_4096()
    {
        var paragraphs = Enumerable.Range(0, 60).Select(i => $"<b>Paragraph {i}</b> — " + string.Concat(Enumerable.Repeat("Россия &amp; 🔴 text ", 8)));
        var html = string.Join("\n\n", paragraphs);
        Assert.True(TelegramHtml.VisibleLength(html) > 2 * TelegramHtml.MaxMessageLength);

        var parts = TelegramHtml.Split(html);

        Assert.Equal(3, parts.Count);
        Assert.All(parts, p =>
        {
            Assert.True(TelegramHtml.IsValid(p, out _));
            Assert.True(TelegramHtml.VisibleLength(p) <= TelegramHtml.MaxMessageLength);
            Assert.StartsWith("<b>Paragraph", p);
        });
        Assert.Equal(NoSpace(TelegramHtml.ToPlainText(html)), NoSpace(string.Concat(parts.Select(TelegramHtml.ToPlainText))));
    }

    private static string NoSpace(string s) => new(s.Where(c => !char.IsWhiteSpace(c)).ToArray());

    [Fact]
    public void Plain_text_fallback_drops_tags_and_keeps_the_text_escaped()
    {
        Assert.Equal("bold &amp; a &lt; b", TelegramHtml.ToSafePlainHtml("<b>bold</i> &amp; a < b"));
    }
}
