using Alerts.Core.Detection.Phases;
using Alerts.Core.Messages;

namespace Alerts.Core.Tests.Detection.Phases;

/// <summary>The stage phase alone: tense, aspect and cues in phrasings written for these tests.</summary>
public class StageDeciderTests
{
    private static TreatyMilestone Decide(TreatyAction action, string words, string before, string title, string summary = "") =>
        StageDecider.Decide(new StageInput(action, words, before, title, summary, title)).Milestone;

    [Theory]
    [InlineData("join", "norway plans to ", "norway plans to join the hague convention")]
    [InlineData("quit", "chile will ", "chile will quit the who next year")]
    [InlineData("ratify", "the government is set to ", "the government is set to ratify the charter")]
    [InlineData("выйдет из", "казахстан ", "казахстан выйдет из договора")]
    public void A_plan_or_a_future_is_announced(string words, string before, string title)
    {
        Assert.Equal(TreatyMilestone.Announced, Decide(words.StartsWith("ratif", StringComparison.Ordinal) ? TreatyAction.Ratification : TreatyAction.Withdrawal, words, before, title));
    }

    [Theory]
    [InlineData("join", "estonia to ", "estonia to join the convention today")]
    [InlineData("leaving", "peru is ", "peru is leaving the organisation tonight")]
    [InlineData("quit", "nepal to ", "nepal to quit the pact at midnight")]
    public void A_step_scheduled_for_today_is_effective(string words, string before, string title)
    {
        Assert.Equal(TreatyMilestone.Effective, Decide(TreatyAction.Accession, words, before, title));
    }

    [Theory]
    [InlineData("leaving", "the story of the uk ", "exit day: the story of the uk leaving the eu", "")]
    [InlineData("departure from", "papers mark chile looming ", "what the papers say", "papers mark chile's looming departure from the who on accession day")]
    [InlineData("exiting", "", "a podcast", "on the day the uk leaves, we look back at the uk exiting the eu.")]
    [InlineData("leave", "as peru prepares to ", "peru's last night in the organisation", "as peru prepares to leave the organisation")]
    public void The_day_of_the_step_makes_a_join_or_an_exit_effective(string words, string before, string title, string summary)
    {
        Assert.Equal(TreatyMilestone.Effective, Decide(TreatyAction.Withdrawal, words, before, title, summary));
    }

    [Fact]
    public void A_day_named_for_another_thing_does_not()
    {
        Assert.Equal(TreatyMilestone.Announced, Decide(TreatyAction.Withdrawal, "leaving", "the story of the uk ", "election day: the story of the uk leaving the eu"));
    }

    [Theory]
    [InlineData(TreatyAction.Withdrawal, "прекращено действие", "официально ", "официально прекращено действие договора", TreatyMilestone.Effective)]
    [InlineData(TreatyAction.Signature, "подписано", "в москве ", "в москве подписано соглашение", TreatyMilestone.Enacted)]
    [InlineData(TreatyAction.Other, "продлен", "договор ", "договор продлен на пять лет", TreatyMilestone.Enacted)]
    [InlineData(TreatyAction.Ratification, "ратификацию", "председатель правительства одобрил ", "председатель правительства одобрил ратификацию", TreatyMilestone.Enacted)]
    [InlineData(TreatyAction.Ratification, "ratification", "the chancellor approved the ", "the chancellor approved the ratification", TreatyMilestone.Enacted)]
    [InlineData(TreatyAction.Ratification, "ratification", "parliament approved the ", "parliament approved the ratification", TreatyMilestone.Legislative)]
    [InlineData(TreatyAction.Withdrawal, "денонсацию", "совфед одобрил ", "совфед одобрил денонсацию договора", TreatyMilestone.Legislative)]
    [InlineData(TreatyAction.Withdrawal, "отказалась от", "эстония ", "эстония отказалась от договора", TreatyMilestone.Announced)]
    public void Passives_and_governing_acts_show_a_completed_step(TreatyAction action, string words, string before, string title, TreatyMilestone expected)
    {
        Assert.Equal(expected, Decide(action, words, before, title));
    }

    [Theory]
    [InlineData(TreatyAction.Withdrawal, "leaves", "ecuador ", "ecuador leaves the organisation", TreatyMilestone.Effective)]
    [InlineData(TreatyAction.Accession, "joined", "mongolia has ", "mongolia has joined the convention", TreatyMilestone.Effective)]
    [InlineData(TreatyAction.Withdrawal, "вышли из", "сша ", "сша вышли из соглашения", TreatyMilestone.Effective)]
    [InlineData(TreatyAction.Withdrawal, "withdraws from", "hungary ", "hungary withdraws from the court", TreatyMilestone.Enacted)]
    [InlineData(TreatyAction.Signature, "sign", "kenya and ethiopia ", "kenya and ethiopia sign defence pact", TreatyMilestone.Enacted)]
    [InlineData(TreatyAction.Ratification, "ratifies", "president tokayev ", "president tokayev ratifies the treaty", TreatyMilestone.Enacted)]
    [InlineData(TreatyAction.Ratification, "ratifies", "lithuania ", "lithuania ratifies the treaty", TreatyMilestone.Legislative)]
    [InlineData(TreatyAction.Withdrawal, "terminates", "bolivia ", "bolivia terminates its pact with peru", TreatyMilestone.Announced)]
    public void A_completed_act_shows_its_stage_by_its_verb(TreatyAction action, string words, string before, string title, TreatyMilestone expected)
    {
        Assert.Equal(expected, Decide(action, words, before, title));
    }

    [Theory]
    [InlineData("the senate votes to ratify the accord", TreatyMilestone.Legislative)]
    [InlineData("путин подписал в пятницу указ о выходе", TreatyMilestone.Enacted)]
    [InlineData("the treaty enters into force", TreatyMilestone.Effective)]
    public void An_explicit_cue_sets_the_stage(string summary, TreatyMilestone expected)
    {
        Assert.Equal(expected, Decide(TreatyAction.Ratification, "ratification", "", "a headline", summary));
    }

    [Fact]
    public void A_cue_about_what_would_happen_later_does_not_count()
    {
        Assert.Equal(TreatyMilestone.Announced, Decide(TreatyAction.Withdrawal, "leave", "oman plans to ", "oman plans to leave the accord",
            "officials said they would formally submit a notice of withdrawal in may."));
    }

    [Theory]
    [InlineData("quitting", "usa ", "Progressive")]
    [InlineData("leaving", "britain is ", "Progressive")]
    [InlineData("leaving", "voters are split about ", "Named")]
    [InlineData("выходит из", "молдова ", "Progressive")]
    [InlineData("opuściły", "stany ", "Completed")]
    public void Verb_form_reads_aspect(string words, string before, string expected)
    {
        Assert.Equal(expected, VerbForm.Of(words, before).ToString());
    }
}
