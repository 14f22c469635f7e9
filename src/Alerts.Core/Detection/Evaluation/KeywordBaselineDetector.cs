using System.Text.RegularExpressions;
using Alerts.Core.Messages;

namespace Alerts.Core.Detection.Evaluation;

/// <summary>
/// The baseline the detector must beat: an item matches when it holds a treaty word and an action word,
/// anywhere in title or summary. It reports the first action word found, no states, an unknown treaty.
/// </summary>
public sealed partial class KeywordBaselineDetector : ITreatyDetector
{
    public IReadOnlyList<TreatyDetection> Detect(DetectionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = (input.Title + " \n " + input.Summary).ToLowerInvariant().Replace('ё', 'е');
        var treaty = TreatyWord().Match(text);
        if (!treaty.Success)
        {
            return [];
        }
        var action = ActionWord().Match(text);
        if (!action.Success)
        {
            return [];
        }
        var kind = action.Groups["der"].Success ? TreatyAction.Deratification
            : action.Groups["wd"].Success ? TreatyAction.Withdrawal
            : action.Groups["sus"].Success ? TreatyAction.Suspension
            : action.Groups["rat"].Success ? TreatyAction.Ratification
            : action.Groups["acc"].Success ? TreatyAction.Accession
            : action.Groups["eif"].Success ? TreatyAction.EntryIntoForce
            : TreatyAction.Signature;
        return [new TreatyDetection(new TreatyRef(TreatyRef.UnknownId, treaty.Value), kind, [], TreatyMilestone.Unknown, 0.5, [treaty.Value, action.Value])];
    }

    [GeneratedRegex(@"\b(?:treat(?:y|ies)|conventions?|pacts?|agreements?|protocols?|charters?|statutes?|договор\w*|конвенц\w*|соглашени\w*|протокол\w*|пакт\w*|устав\w*)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TreatyWord();

    [GeneratedRegex(@"\b(?:(?<der>deratif\w*|дератифик\w*|отзыв\w* ратификац\w*)|(?<eif>into force|в силу)|(?<wd>withdr\w*|quit\w*|leav\w*|exit\w*|denounc\w*|pull\w* out|денонс\w*|выход\w*|выйти|вышл\w*)|(?<sus>suspen\w*|приостан\w*)|(?<rat>ratif\w*|ратиф\w*)|(?<acc>join\w*|accession|accede\w*|присоедин\w*|вступ\w*)|(?<sig>sign\w*|подпис\w*))\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ActionWord();
}
