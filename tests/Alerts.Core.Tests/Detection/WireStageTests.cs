using Alerts.Core.Detection.Evaluation;
using Alerts.Core.Messages;

namespace Alerts.Core.Tests.Detection;

/// <summary>
/// The stage on agency phrasing the dev corpus lacks (session 8, probes in tests/data/probes-stage): decrees and executive
/// orders signed by any leader, a decree as the verb's subject, later notices and effects named in the description, lower
/// and upper houses, a treaty signed to join, a denunciation, the Nth ratification. Sentences written for these tests.
/// </summary>
public class WireStageTests
{
    [Theory]
    [InlineData("Zelensky signs decree to withdraw Ukraine from the Ottawa Convention", "")]
    [InlineData("Trump signs executive order to pull the US out of the Paris Agreement", "")]
    [InlineData("Sandu signs decree to withdraw Moldova from the CIS Charter", "")]
    [InlineData("Erdogan decree pulls Turkey out of the Istanbul Convention", "The decision was published in the Official Gazette.")]
    [InlineData("Britain signs treaty to join the CPTPP trade pact", "")]
    public void A_decree_order_or_treaty_signed_is_enacted_whoever_signs_it(string title, string summary)
    {
        var d = Assert.Single(DetectionTestData.Detect(title, summary));
        Assert.Equal(TreatyMilestone.Enacted, d.Milestone);
    }

    [Theory]
    [InlineData("Mishustin signs decree proposing withdrawal from the CFE treaty", TreatyMilestone.Proposed)]
    [InlineData("Britain to sign treaty to join the CPTPP trade pact", TreatyMilestone.Announced)]
    public void A_decree_proposing_a_step_or_a_signature_to_come_is_not_enacted(string title, TreatyMilestone stage)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal(stage, d.Milestone);
    }

    [Theory]
    [InlineData("Latvia's parliament approves withdrawal from the Ottawa Convention", "Latvia will leave the treaty six months after notifying the UN.", TreatyMilestone.Legislative)]
    [InlineData("Trump signs executive order withdrawing the US from the Paris Agreement", "The order directs the ambassador to the UN to submit formal written notification of the withdrawal.", TreatyMilestone.Enacted)]
    [InlineData("Венгрия уведомила ООН о выходе из Римского статута", "Выход вступит в силу через год.", TreatyMilestone.Notified)]
    [InlineData("Трамп подписал указ о выходе США из Парижского соглашения", "Уведомление о выходе будет направлено генсеку ООН.", TreatyMilestone.Enacted)]
    [InlineData("Парламент Литвы одобрил выход из Конвенции по кассетным боеприпасам", "Литва выйдет из конвенции через шесть месяцев после уведомления ООН.", TreatyMilestone.Legislative)]
    [InlineData("Prezydent podpisał ustawę o wypowiedzeniu konwencji ottawskiej", "Polska wystąpi z konwencji po złożeniu notyfikacji.", TreatyMilestone.Enacted)]
    public void A_later_notice_or_effect_named_in_the_description_does_not_raise_the_stage(string title, string summary, TreatyMilestone stage)
    {
        var d = Assert.Single(DetectionTestData.Detect(title, summary));
        Assert.Equal(stage, d.Milestone);
    }

    [Theory]
    [InlineData("Russia notifies depositary of its withdrawal from the CFE treaty", "The withdrawal will take effect in six months.", TreatyMilestone.Notified)]
    [InlineData("Hungary formally leaves the ICC", "The withdrawal took effect a year after Hungary notified the UN.", TreatyMilestone.Effective)]
    public void A_notice_given_or_an_effect_reached_still_counts(string title, string summary, TreatyMilestone stage)
    {
        var d = Assert.Single(DetectionTestData.Detect(title, summary));
        Assert.Equal(stage, d.Milestone);
    }

    [Theory]
    [InlineData("Russia's lower house votes to quit the Open Skies treaty", "")]
    [InlineData("Russia's upper house approves revoking ratification of the CTBT", "The bill now goes to President Vladimir Putin for signature.")]
    [InlineData("Lithuania's Seimas votes to leave the Convention on Cluster Munitions", "")]
    [InlineData("Sejm przyjął ustawę o wypowiedzeniu konwencji ottawskiej", "")]
    public void A_chamber_of_parliament_voting_is_legislative(string title, string summary)
    {
        var d = Assert.Single(DetectionTestData.Detect(title, summary));
        Assert.Equal(TreatyMilestone.Legislative, d.Milestone);
    }

    [Theory]
    [InlineData("Russia denounces the CFE treaty")]
    [InlineData("Россия денонсировала ДОВСЕ")]
    public void A_denunciation_done_is_enacted_not_yet_effective(string title)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal(TreatyAction.Withdrawal, d.Action);
        Assert.Equal(TreatyMilestone.Enacted, d.Milestone);
    }

    [Theory]
    [InlineData("Honduras becomes 50th country to ratify nuclear weapons ban treaty")]
    [InlineData("Гондурас стал 50-м государством, ратифицировавшим Договор о запрещении ядерного оружия")]
    public void The_nth_state_to_ratify_has_deposited_its_instrument(string title)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal(TreatyMilestone.Notified, d.Milestone);
    }

    // Found on the hold-out set written after the first rules (docs/DETECTION.md, session 8).
    [Theory]
    [InlineData("Slovenian president promulgates law on withdrawal from the Energy Charter Treaty", "", TreatyMilestone.Enacted)]
    [InlineData("Lithuania's president signs law on leaving the Convention on Cluster Munitions", "The withdrawal takes effect six months after the UN is notified.", TreatyMilestone.Enacted)]
    [InlineData("Парламент Латвии одобрил выход из Оттавской конвенции", "Выход вступает в силу через полгода после уведомления ООН.", TreatyMilestone.Legislative)]
    [InlineData("Chile deposits instrument to join the Paris Agreement", "", TreatyMilestone.Notified)]
    [InlineData("Norway files notice to withdraw from the Ottawa Convention", "", TreatyMilestone.Notified)]
    [InlineData("Spain's exit from the Paris Agreement becomes effective", "", TreatyMilestone.Effective)]
    public void Promulgated_laws_deposited_instruments_filed_notices_and_delayed_effects(string title, string summary, TreatyMilestone stage)
    {
        var d = Assert.Single(DetectionTestData.Detect(title, summary));
        Assert.Equal(stage, d.Milestone);
    }

    // Found on a third set of unseen wording (docs/DETECTION.md, session 8).
    [Theory]
    [InlineData("Trump pulls the US out of the Paris Agreement again", "The president signed an executive order hours after taking office.", TreatyMilestone.Enacted)]
    [InlineData("Lithuania quits the Convention on Cluster Munitions", "The withdrawal took effect on Friday, six months after Vilnius notified the UN.", TreatyMilestone.Effective)]
    [InlineData("Latvia and Lithuania hand the UN their notices of withdrawal from the Ottawa Convention", "", TreatyMilestone.Notified)]
    public void An_exit_done_by_a_signed_decree_is_enacted_and_plural_notices_are_notices(string title, string summary, TreatyMilestone stage)
    {
        var d = Assert.Single(DetectionTestData.Detect(title, summary));
        Assert.Equal(stage, d.Milestone);
    }

    // Classes the other helpers' sets showed (tests/data/probes-resolve, posts-beyond; not fitted item by item).
    [Theory]
    [InlineData("Norway and Denmark notify UN of withdrawal from the Ottawa Convention", "The withdrawals take effect in six months.", TreatyMilestone.Notified)]
    [InlineData("Chile notifies UN of withdrawal from the Ottawa Convention", "The withdrawal takes effect on March 3.", TreatyMilestone.Notified)]
    [InlineData("Chile deposits instrument of ratification of the Rome Statute", "The statute enters into force for Chile on July 1.", TreatyMilestone.Notified)]
    [InlineData("Turkey pulls out of the Istanbul Convention", "President Erdogan issued a decree withdrawing the country from the accord.", TreatyMilestone.Enacted)]
    [InlineData("Путин приостановил участие России в ДСНВ", "Соответствующий указ опубликован на портале правовой информации.", TreatyMilestone.Enacted)]
    public void Effects_on_a_later_date_and_decrees_issued_or_published(string title, string summary, TreatyMilestone stage)
    {
        var d = Assert.Single(DetectionTestData.Detect(title, summary));
        Assert.Equal(stage, d.Milestone);
    }

    // Floors just under the figures of docs/DETECTION.md (session 8): both probe sets were tuned on, so these keep the rules
    // from sliding back; they say nothing about unseen wording (the hold-out's first run was stage 0.750).
    [Theory]
    [InlineData("probes-stage", 138, 0.95, 0.98)]
    [InlineData("probes-stage-holdout", 42, 0.90, 0.95)]
    public void The_stage_probe_sets_keep_their_figures(string corpus, int items, double f1, double stage)
    {
        var report = CorpusEvaluator.Evaluate(Path.Combine(DetectionTestData.RepoRoot, "tests", "data", corpus), DetectionTestData.Detector);
        var text = EvaluationReportRenderer.Render(report);
        Assert.Equal(items, report.Items);
        Assert.True(report.F1 >= f1, text);
        Assert.True(report.StageAccuracy >= stage, text);
    }
}
