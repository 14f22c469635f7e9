using Alerts.Core.Detection;
using Alerts.Core.Detection.Phases;
using Alerts.Core.Messages;

namespace Alerts.Core.Tests.Detection.Phases;

/// <summary>The small phases on their own: markup, word lists, states and the confidence formula.</summary>
public class PhaseTests
{
    [Fact]
    public void Markup_stripper_drops_link_lists_and_tags()
    {
        var text = MarkupStripper.Strip("<p>Oman <b>joins</b> the pact.</p><ul><li><a href=\"https://x.example/leave-eu\">UK leaves EU – live</a></li></ul>");
        Assert.Contains("Oman", text, StringComparison.Ordinal);
        Assert.Contains("joins", text, StringComparison.Ordinal);
        Assert.DoesNotContain("leave", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        Assert.Equal("no markup at all", MarkupStripper.Strip("no markup at all"));
    }

    [Theory]
    [InlineData("treaty", true)]
    [InlineData("конвенции", true)]
    [InlineData("договоренности", false)] // an understanding, not a treaty
    [InlineData("umowy", true)]
    [InlineData("contract", false)]
    public void Treaty_words_are_one_list(string word, bool expected)
    {
        Assert.Equal(expected, DetectionWords.IsTreatyWord(word));
    }

    [Fact]
    public void Agreement_parties_include_counterparties_after_with()
    {
        var seg = TextSegment.Parse("Kenya signs a defence pact with Ethiopia and Somalia", DetectionTestData.Detector.Catalog, isTitle: true);
        seg.IndexActions();
        var action = Assert.Single(seg.Actions);
        var parties = StateAttacher.Signatories(seg, action, 0, seg.Text.Length);
        Assert.Equal(["KE", "ET", "SO"], parties);
    }

    [Fact]
    public void Confidence_is_lower_for_an_unnamed_agreement_and_clamped()
    {
        var named = ConfidenceScore.Of(new ConfidenceFactors(CatalogueTreaty: true, ExplicitState: true, FromTitle: true, OrganisationName: false, Approval: false));
        var unnamed = ConfidenceScore.Of(new ConfidenceFactors(CatalogueTreaty: false, ExplicitState: true, FromTitle: true, OrganisationName: false, Approval: false));
        Assert.Equal(0.95, named);
        Assert.Equal(0.6, unnamed);
        Assert.Equal(0.5, ConfidenceScore.Of(new ConfidenceFactors(false, true, true, false, false, SummaryOnly: true)));
        Assert.Equal(0.7, ConfidenceScore.Of(new ConfidenceFactors(false, true, true, false, false, NamedElsewhere: true)));
        Assert.Equal(0.99, ConfidenceScore.Of(new ConfidenceFactors(true, true, true, false, false, NamedElsewhere: true)));
        Assert.Equal(0.2, ConfidenceScore.Of(new ConfidenceFactors(false, false, false, true, true, SummaryOnly: true)));
    }

    [Theory]
    [InlineData("Britain and Japan sign trade deal", "trade deal", true)]
    [InlineData("Acme signs supply deal with Boeing", "supply deal", false)] // a contract, not a treaty
    public void A_bare_treaty_word_is_a_treaty_only_between_states(string title, string name, bool accepted)
    {
        var seg = TextSegment.Parse(title, DetectionTestData.Detector.Catalog, isTitle: true);
        seg.IndexActions();
        var action = Assert.Single(seg.Actions);
        var word = BareTreatyWord.After(seg, action, seg.Tokens.Count - 1);
        Assert.NotNull(word);
        Assert.Null(word.Value.Mention);
        Assert.Equal(name, BareTreatyWord.NameAsWritten(seg, word.Value), ignoreCase: true);
        Assert.Equal(accepted, BareTreatyWord.Accept(seg, action, word.Value, 0, seg.Text.Length, TreatyAction.Signature));
    }

    [Fact]
    public void Another_states_accession_approved_is_its_accession_protocol()
    {
        var seg = TextSegment.Parse("Turkey ratifies Finland's NATO membership", DetectionTestData.Detector.Catalog, isTitle: true);
        seg.IndexActions();
        var action = Assert.Single(seg.Actions, hit => hit.Kind == ActionKind.Ratification);
        var item = new ItemContext(seg, TextSegment.Parse("", DetectionTestData.Detector.Catalog, isTitle: false));
        var hit = new AccessionOfAnother(DetectionTestData.Detector.Catalog).Find(seg, action, item);
        Assert.NotNull(hit);
        Assert.True(hit.Value.ViaAccession);
        Assert.Equal("FI", hit.Value.CandidateState);
    }

    [Theory]
    [InlineData("Putin signs a law on the treaty", true)]
    [InlineData("Kenya signs a defence pact with Ethiopia and Somalia", false)]
    public void A_signature_on_a_domestic_act_is_not_a_step(string title, bool expected)
    {
        var seg = TextSegment.Parse(title, DetectionTestData.Detector.Catalog, isTitle: true);
        seg.IndexActions();
        var signature = Assert.Single(seg.Actions, hit => hit.Kind == ActionKind.Signature);
        Assert.Equal(expected, NotAStepFilter.SignsDomesticAct(seg, signature));
    }

    [Theory]
    [InlineData(TreatyAction.Accession, TreatyAction.Ratification, true)]
    [InlineData(TreatyAction.Withdrawal, TreatyAction.Deratification, true)]
    [InlineData(TreatyAction.Withdrawal, TreatyAction.Suspension, true)]
    [InlineData(TreatyAction.Ratification, TreatyAction.Accession, false)]
    [InlineData(TreatyAction.Withdrawal, TreatyAction.Ratification, false)]
    public void The_summary_refines_only_toward_the_formal_step(TreatyAction headline, TreatyAction summary, bool expected)
    {
        Assert.Equal(expected, SummaryRefiner.MorePrecise(headline, summary));
    }
}
