using Alerts.Core.Messages;

namespace Alerts.Core.Tests.Detection;

public class InflectionTests
{
    [Theory]
    [InlineData("Денонсация Договора об обычных вооруженных силах в Европе одобрена Госдумой", "cfe", TreatyAction.Withdrawal)]
    [InlineData("Госдума одобрила закон о денонсации Договора об обычных вооруженных силах в Европе", "cfe", TreatyAction.Withdrawal)]
    [InlineData("Россия решила денонсировать ДОВСЕ", "cfe", TreatyAction.Withdrawal)]
    [InlineData("Путин подписал закон о выходе из Договора по открытому небу", "open-skies", TreatyAction.Withdrawal)]
    [InlineData("Россия вышла из ДОВСЕ", "cfe", TreatyAction.Withdrawal)]
    [InlineData("Путин подписал закон о приостановлении участия России в ДСНВ", "new-start", TreatyAction.Suspension)]
    [InlineData("Подписан закон о прекращении действия в отношении РФ международных договоров Совета Европы", "coe-treaties", TreatyAction.Withdrawal)]
    [InlineData("Госдума приняла закон об отзыве ратификации ДВЗЯИ", "un:XXVI-4", TreatyAction.Deratification)]
    [InlineData("Госдума ратифицировала Римский статут Международного уголовного суда", "un:XVIII-10", TreatyAction.Ratification)]
    [InlineData("Госдума ратифицировала Конвенцию о защите прав человека и основных свобод", "coe:5", TreatyAction.Ratification)]
    public void Russian_case_forms_and_verb_forms_are_recognised(string title, string treatyId, TreatyAction action)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal(treatyId, d.Treaty.Id);
        Assert.Equal(action, d.Action);
        Assert.Equal(["RU"], d.States.Take(1));
    }

    [Theory]
    [InlineData("Ukraine to ratify Rome Statute", TreatyAction.Ratification)]
    [InlineData("Ukraine ratifies Rome Statute", TreatyAction.Ratification)]
    [InlineData("Ukraine ratified the Rome Statute on Tuesday", TreatyAction.Ratification)]
    [InlineData("Ukraine's parliament backs ratification of the Rome Statute", TreatyAction.Ratification)]
    [InlineData("Hungary pulls out of the Rome Statute", TreatyAction.Withdrawal)]
    [InlineData("Hungary quits International Criminal Court", TreatyAction.Withdrawal)]
    [InlineData("Hungary announces withdrawal from the Rome Statute", TreatyAction.Withdrawal)]
    [InlineData("Hungary leaves the ICC", TreatyAction.Withdrawal)]
    public void English_verb_forms_are_recognised(string title, TreatyAction action)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal("un:XVIII-10", d.Treaty.Id);
        Assert.Equal(action, d.Action);
    }

    [Fact]
    public void Latin_e_inside_the_cyrillic_series_marker_still_matches_the_treaty()
    {
        var d = Assert.Single(DetectionTestData.Detect("О денонсации Европейской конвенции по предупреждению пыток (СEД № 126)"));
        Assert.Equal("coe:126", d.Treaty.Id);
    }
}
