using Alerts.Core.Detection.Phases;
using Alerts.Core.Messages;

namespace Alerts.Core.Tests.Detection.Phases;

/// <summary>The stage phase alone: tense, aspect and cues in phrasings written for these tests.</summary>
public class StageDeciderTests
{
    /// <summary>
    /// One case a line: the action and the words that named it, the text before them, the title, the expected stage,
    /// and a summary when the case needs one.
    /// </summary>
    [Theory]
    // A plan or a future is announced.
    [InlineData(TreatyAction.Withdrawal, "join", "norway plans to ", "norway plans to join the hague convention", TreatyMilestone.Announced)]
    [InlineData(TreatyAction.Withdrawal, "quit", "chile will ", "chile will quit the who next year", TreatyMilestone.Announced)]
    [InlineData(TreatyAction.Ratification, "ratify", "the government is set to ", "the government is set to ratify the charter", TreatyMilestone.Announced)]
    [InlineData(TreatyAction.Withdrawal, "выйдет из", "казахстан ", "казахстан выйдет из договора", TreatyMilestone.Announced)]
    // A step scheduled for today is effective.
    [InlineData(TreatyAction.Accession, "join", "estonia to ", "estonia to join the convention today", TreatyMilestone.Effective)]
    [InlineData(TreatyAction.Accession, "leaving", "peru is ", "peru is leaving the organisation tonight", TreatyMilestone.Effective)]
    [InlineData(TreatyAction.Accession, "quit", "nepal to ", "nepal to quit the pact at midnight", TreatyMilestone.Effective)]
    // The day of the step makes a join or an exit effective; a day named for another thing does not.
    [InlineData(TreatyAction.Withdrawal, "leaving", "the story of the uk ", "exit day: the story of the uk leaving the eu", TreatyMilestone.Effective)]
    [InlineData(TreatyAction.Withdrawal, "departure from", "papers mark chile looming ", "what the papers say", TreatyMilestone.Effective, "papers mark chile's looming departure from the who on accession day")]
    [InlineData(TreatyAction.Withdrawal, "exiting", "", "a podcast", TreatyMilestone.Effective, "on the day the uk leaves, we look back at the uk exiting the eu.")]
    [InlineData(TreatyAction.Withdrawal, "leave", "as peru prepares to ", "peru's last night in the organisation", TreatyMilestone.Effective, "as peru prepares to leave the organisation")]
    [InlineData(TreatyAction.Withdrawal, "leaving", "the story of the uk ", "election day: the story of the uk leaving the eu", TreatyMilestone.Announced)]
    // Passives and governing acts show a completed step.
    [InlineData(TreatyAction.Withdrawal, "прекращено действие", "официально ", "официально прекращено действие договора", TreatyMilestone.Effective)]
    [InlineData(TreatyAction.Signature, "подписано", "в москве ", "в москве подписано соглашение", TreatyMilestone.Enacted)]
    [InlineData(TreatyAction.Other, "продлен", "договор ", "договор продлен на пять лет", TreatyMilestone.Enacted)]
    [InlineData(TreatyAction.Ratification, "ратификацию", "председатель правительства одобрил ", "председатель правительства одобрил ратификацию", TreatyMilestone.Enacted)]
    [InlineData(TreatyAction.Ratification, "ratification", "the chancellor approved the ", "the chancellor approved the ratification", TreatyMilestone.Enacted)]
    [InlineData(TreatyAction.Ratification, "ratification", "parliament approved the ", "parliament approved the ratification", TreatyMilestone.Legislative)]
    [InlineData(TreatyAction.Withdrawal, "денонсацию", "совфед одобрил ", "совфед одобрил денонсацию договора", TreatyMilestone.Legislative)]
    [InlineData(TreatyAction.Withdrawal, "отказалась от", "эстония ", "эстония отказалась от договора", TreatyMilestone.Announced)]
    // A completed act shows its stage by its verb.
    [InlineData(TreatyAction.Withdrawal, "leaves", "ecuador ", "ecuador leaves the organisation", TreatyMilestone.Effective)]
    [InlineData(TreatyAction.Accession, "joined", "mongolia has ", "mongolia has joined the convention", TreatyMilestone.Effective)]
    [InlineData(TreatyAction.Withdrawal, "вышли из", "сша ", "сша вышли из соглашения", TreatyMilestone.Effective)]
    [InlineData(TreatyAction.Withdrawal, "withdraws from", "hungary ", "hungary withdraws from the court", TreatyMilestone.Enacted)]
    [InlineData(TreatyAction.Signature, "sign", "kenya and ethiopia ", "kenya and ethiopia sign defence pact", TreatyMilestone.Enacted)]
    [InlineData(TreatyAction.Ratification, "ratifies", "president tokayev ", "president tokayev ratifies the treaty", TreatyMilestone.Enacted)]
    [InlineData(TreatyAction.Ratification, "ratifies", "lithuania ", "lithuania ratifies the treaty", TreatyMilestone.Legislative)]
    [InlineData(TreatyAction.Withdrawal, "terminates", "bolivia ", "bolivia terminates its pact with peru", TreatyMilestone.Announced)]
    // An explicit cue in the summary sets the stage; a cue about what would happen later does not count.
    [InlineData(TreatyAction.Ratification, "ratification", "", "a headline", TreatyMilestone.Legislative, "the senate votes to ratify the accord")]
    [InlineData(TreatyAction.Ratification, "ratification", "", "a headline", TreatyMilestone.Enacted, "путин подписал в пятницу указ о выходе")]
    [InlineData(TreatyAction.Ratification, "ratification", "", "a headline", TreatyMilestone.Effective, "the treaty enters into force")]
    [InlineData(TreatyAction.Withdrawal, "leave", "oman plans to ", "oman plans to leave the accord", TreatyMilestone.Announced, "officials said they would formally submit a notice of withdrawal in may.")]
    public void The_wording_decides_the_stage(TreatyAction action, string words, string before, string title, TreatyMilestone expected, string summary = "")
    {
        Assert.Equal(expected, StageDecider.Decide(new StageInput(action, words, before, title, summary, title)).Milestone);
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
