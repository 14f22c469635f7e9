#!/usr/bin/env python3
"""Writes items.jsonl and labels.jsonl of tests/data/posts-beyond (hand-written wire-style items of real steps; README.md)."""
import json, os

# (feed, lang, published, title, description, link, [(treaty, action, states, stage)], note)
E = []
def add(feed, lang, published, title, desc, link, events, note):
    E.append((feed, lang, published, title, desc, link, events, note))

ICC = "Rome Statute of the International Criminal Court (1998)"
APM = "Anti-Personnel Mine Ban Convention (Ottawa, 1997)"
WHO = "Constitution of the World Health Organization (1946)"
PARIS = "Paris Agreement (2015)"
PMDA = "Russia–US Plutonium Management and Disposition Agreement (2000)"
CPT = "European Convention for the Prevention of Torture (ETS 126, 1987)"

# 1. Hungary leaves the ICC (announced 3 Apr 2025, bill 29 Apr, vote 20 May, notice 2 Jun 2025, effective 2 Jun 2026)
add("https://www.reuters.com/world/", "en", "2025-04-03T07:41:00+00:00",
    "Hungary to withdraw from International Criminal Court, government says",
    "Hungary will withdraw from the International Criminal Court, Prime Minister Viktor Orban's chief of staff Gergely Gulyas said on Thursday, as Israeli Prime Minister Benjamin Netanyahu arrived in Budapest for a state visit.",
    "https://www.reuters.com/world/hungary-withdraw-international-criminal-court-2025-04-03/",
    [(ICC, "withdrawal", ["HU"], "announced")], "government announces withdrawal")
add("https://tass.ru/", "ru", "2025-04-03T10:12:00+03:00",
    "Венгрия выйдет из Международного уголовного суда",
    "Венгрия начнет процедуру выхода из Международного уголовного суда, заявил руководитель канцелярии премьер-министра Гергей Гуйяш.",
    "https://tass.ru/mezhdunarodnaya-panorama/23591011",
    [(ICC, "withdrawal", ["HU"], "announced")], "government announces withdrawal")
add("https://www.reuters.com/world/", "en", "2025-04-29T15:05:00+00:00",
    "Hungarian government submits bill to parliament to quit the ICC",
    "Hungary's government submitted a bill to parliament on Tuesday on withdrawing from the Rome Statute of the International Criminal Court, a document on parliament's website showed.",
    "https://www.reuters.com/world/europe/hungarian-government-submits-bill-quit-icc-2025-04-29/",
    [(ICC, "withdrawal", ["HU"], "proposed")], "bill submitted")
add("https://ria.ru/", "ru", "2025-04-29T19:30:00+03:00",
    "Правительство Венгрии внесло в парламент законопроект о выходе из МУС",
    "Правительство Венгрии внесло в Государственное собрание законопроект о выходе страны из Римского статута Международного уголовного суда.",
    "https://ria.ru/20250429/vengriya-2014171100.html",
    [(ICC, "withdrawal", ["HU"], "proposed")], "bill submitted")
add("https://apnews.com/hub/world-news", "en", "2025-05-20T12:48:00+00:00",
    "Hungary's parliament votes to leave the International Criminal Court",
    "Hungarian lawmakers on Tuesday approved a bill to withdraw from the International Criminal Court, making Hungary the first European Union member to move to leave the court.",
    "https://apnews.com/article/hungary-icc-withdrawal-parliament-vote-2025-05-20",
    [(ICC, "withdrawal", ["HU"], "legislative")], "parliament vote")
add("https://tass.ru/", "ru", "2025-05-20T16:02:00+03:00",
    "Парламент Венгрии одобрил выход страны из МУС",
    "Государственное собрание Венгрии проголосовало за законопроект о выходе страны из Римского статута Международного уголовного суда.",
    "https://tass.ru/mezhdunarodnaya-panorama/23987301",
    [(ICC, "withdrawal", ["HU"], "legislative")], "parliament vote")
add("https://www.reuters.com/world/", "en", "2025-06-02T17:20:00+00:00",
    "Hungary notifies UN of withdrawal from International Criminal Court",
    "Hungary has deposited its notification of withdrawal from the Rome Statute with the UN Secretary-General; under the statute the withdrawal takes effect one year after the notification is received.",
    "https://www.reuters.com/world/europe/hungary-notifies-un-withdrawal-icc-2025-06-02/",
    [(ICC, "withdrawal", ["HU"], "notified")], "notice to the depositary")
add("https://ria.ru/", "ru", "2025-06-03T09:15:00+03:00",
    "Венгрия уведомила генсека ООН о выходе из Римского статута",
    "Венгрия направила генеральному секретарю ООН уведомление о выходе из Римского статута Международного уголовного суда, выход вступит в силу через год.",
    "https://ria.ru/20250603/vengriya-2020511203.html",
    [(ICC, "withdrawal", ["HU"], "notified")], "notice to the depositary")
add("https://www.reuters.com/world/", "en", "2026-06-02T09:30:00+00:00",
    "Hungary formally leaves the International Criminal Court",
    "Hungary's withdrawal from the Rome Statute of the International Criminal Court took effect on Tuesday, a year after Budapest notified the United Nations.",
    "https://www.reuters.com/world/europe/hungary-formally-leaves-icc-2026-06-02/",
    [(ICC, "withdrawal", ["HU"], "effective")], "withdrawal in effect")

# 2. Finland leaves the Ottawa Convention (government 1 Apr 2025, parliament 19 Jun, notice 10 Jul 2025, effective 10 Jan 2026)
add("https://yle.fi/news", "en", "2025-04-01T11:20:00+00:00",
    "Finland to withdraw from Ottawa Convention banning anti-personnel mines",
    "Prime Minister Petteri Orpo said on Tuesday that Finland will begin preparations to withdraw from the Ottawa Convention, citing the security situation on the border with Russia.",
    "https://yle.fi/a/74-20153211",
    [(APM, "withdrawal", ["FI"], "announced")], "government announces")
add("https://ria.ru/", "ru", "2025-04-01T15:40:00+03:00",
    "Финляндия объявила о выходе из Оттавской конвенции о запрете противопехотных мин",
    "Премьер-министр Финляндии Петтери Орпо заявил, что страна начинает подготовку к выходу из Оттавской конвенции.",
    "https://ria.ru/20250401/finlyandiya-2008771010.html",
    [(APM, "withdrawal", ["FI"], "announced")], "government announces")
add("https://yle.fi/news", "en", "2025-06-19T13:10:00+00:00",
    "Finland's parliament approves withdrawal from landmine ban treaty",
    "Lawmakers voted 157 to 18 to leave the Ottawa Convention. Finland will leave the treaty six months after notifying the UN Secretary-General.",
    "https://yle.fi/a/74-20168140",
    [(APM, "withdrawal", ["FI"], "legislative")], "parliament vote")
add("https://tass.ru/", "ru", "2025-06-19T17:25:00+03:00",
    "Парламент Финляндии одобрил выход из Оттавской конвенции",
    "Эдускунта проголосовала за выход Финляндии из конвенции о запрещении противопехотных мин.",
    "https://tass.ru/mezhdunarodnaya-panorama/24274411",
    [(APM, "withdrawal", ["FI"], "legislative")], "parliament vote")
add("https://www.reuters.com/world/", "en", "2025-07-10T14:02:00+00:00",
    "Finland formally notifies UN of exit from Ottawa landmine treaty",
    "Finland deposited its instrument of withdrawal from the Ottawa Convention with the UN Secretary-General on Thursday; the withdrawal takes effect on January 10, 2026.",
    "https://www.reuters.com/world/europe/finland-notifies-un-exit-landmine-treaty-2025-07-10/",
    [(APM, "withdrawal", ["FI"], "notified")], "notice to the depositary")
add("https://ria.ru/", "ru", "2025-07-10T18:44:00+03:00",
    "Финляндия уведомила ООН о выходе из Оттавской конвенции",
    "Финляндия передала генеральному секретарю ООН уведомление о выходе из Оттавской конвенции, выход вступит в силу 10 января 2026 года.",
    "https://ria.ru/20250710/finlyandiya-2028114509.html",
    [(APM, "withdrawal", ["FI"], "notified")], "notice to the depositary")

# 3. Latvia, Lithuania and Estonia: joint notice 27 Jun 2025 (effective 27 Dec 2025); Latvia's Saeima 16 Apr 2025
add("https://www.lsm.lv/", "en", "2025-04-16T12:30:00+00:00",
    "Latvia's parliament votes to withdraw from Ottawa Convention on landmines",
    "The Saeima on Wednesday voted to withdraw Latvia from the Ottawa Convention, becoming the first of the Baltic states to do so.",
    "https://eng.lsm.lv/article/society/defense/saeima-votes-to-leave-ottawa-convention.a595101/",
    [(APM, "withdrawal", ["LV"], "legislative")], "parliament vote")
add("https://www.rbc.ru/", "ru", "2025-04-16T16:05:00+03:00",
    "Сейм Латвии проголосовал за выход из Оттавской конвенции",
    "Латвия стала первой из стран Балтии, чей парламент одобрил выход из конвенции о запрете противопехотных мин.",
    "https://www.rbc.ru/politics/16/04/2025/67ff8a0e9a7947a1b2c3d4e5",
    [(APM, "withdrawal", ["LV"], "legislative")], "parliament vote")
add("https://www.reuters.com/world/", "en", "2025-06-27T15:40:00+00:00",
    "Lithuania, Latvia and Estonia notify UN of withdrawal from landmine treaty",
    "The three Baltic states on Friday deposited their notifications of withdrawal from the Ottawa Convention with the UN Secretary-General, their foreign ministries said; the withdrawals take effect in six months.",
    "https://www.reuters.com/world/europe/baltic-states-notify-un-withdrawal-landmine-treaty-2025-06-27/",
    [(APM, "withdrawal", ["LT", "LV", "EE"], "notified")], "joint notice to the depositary")
add("https://tass.ru/", "ru", "2025-06-27T19:10:00+03:00",
    "Литва, Латвия и Эстония уведомили ООН о выходе из Оттавской конвенции",
    "Страны Балтии направили генеральному секретарю ООН уведомления о выходе из конвенции о запрете противопехотных мин; выход вступит в силу через шесть месяцев.",
    "https://tass.ru/mezhdunarodnaya-panorama/24365017",
    [(APM, "withdrawal", ["LT", "LV", "EE"], "notified")], "joint notice to the depositary")

# 4. Ukraine: decree of 29 Jun 2025 enacting the NSDC decision on withdrawal from the Ottawa Convention
add("https://www.reuters.com/world/", "en", "2025-06-29T18:15:00+00:00",
    "Zelenskiy signs decree to withdraw Ukraine from Ottawa Convention on landmines",
    "Ukrainian President Volodymyr Zelenskiy signed a decree on Sunday enacting a decision of the National Security and Defence Council to withdraw from the Ottawa Convention; parliament must still approve it.",
    "https://www.reuters.com/world/europe/zelenskiy-signs-decree-withdraw-ukraine-ottawa-convention-2025-06-29/",
    [(APM, "withdrawal", ["UA"], "enacted")], "decree signed")
add("https://ria.ru/", "ru", "2025-06-29T21:40:00+03:00",
    "Зеленский подписал указ о выходе Украины из Оттавской конвенции",
    "Президент Украины Владимир Зеленский подписал указ о введении в действие решения СНБО о выходе из конвенции о запрете противопехотных мин.",
    "https://ria.ru/20250629/ukraina-2025961117.html",
    [(APM, "withdrawal", ["UA"], "enacted")], "decree signed")

# 5. US leaves the WHO (executive order 20 Jan 2025, UN received notice 22 Jan 2025, effective 22 Jan 2026)
add("https://apnews.com/hub/world-news", "en", "2025-01-21T01:10:00+00:00",
    "Trump signs executive order to withdraw US from World Health Organization",
    "President Donald Trump on Monday signed an executive order directing the United States to withdraw from the World Health Organization, hours after taking office.",
    "https://apnews.com/article/trump-who-withdrawal-executive-order-2025-01-20",
    [(WHO, "withdrawal", ["US"], "enacted")], "executive order")
add("https://ria.ru/", "ru", "2025-01-21T04:20:00+03:00",
    "Трамп подписал указ о выходе США из ВОЗ",
    "Президент США Дональд Трамп подписал указ о выходе страны из Всемирной организации здравоохранения.",
    "https://ria.ru/20250121/voz-1994512201.html",
    [(WHO, "withdrawal", ["US"], "enacted")], "executive order")
add("https://www.reuters.com/world/", "en", "2025-01-23T20:30:00+00:00",
    "UN confirms U.S. notice of withdrawal from World Health Organization",
    "The United Nations Secretary-General received the U.S. notification of withdrawal from the World Health Organization on January 22; the withdrawal will take effect on January 22, 2026, a UN spokesman said.",
    "https://www.reuters.com/world/un-confirms-us-notice-withdrawal-who-2025-01-23/",
    [(WHO, "withdrawal", ["US"], "notified")], "notice received by the depositary")
add("https://apnews.com/hub/world-news", "en", "2026-01-22T15:00:00+00:00",
    "US formally exits the World Health Organization",
    "The United States formally left the World Health Organization on Thursday, a year after President Donald Trump ordered the withdrawal.",
    "https://apnews.com/article/us-formally-exits-who-2026-01-22",
    [(WHO, "withdrawal", ["US"], "effective")], "withdrawal in effect")
add("https://tass.ru/", "ru", "2026-01-22T18:30:00+03:00",
    "США официально вышли из ВОЗ",
    "Выход США из Всемирной организации здравоохранения вступил в силу.",
    "https://tass.ru/obschestvo/26213541",
    [(WHO, "withdrawal", ["US"], "effective")], "withdrawal in effect")

# 6. US leaves the Paris Agreement (order 20 Jan 2025, notice 27 Jan 2025, effective 27 Jan 2026)
add("https://www.reuters.com/world/", "en", "2025-01-28T17:45:00+00:00",
    "U.S. formally notifies UN of withdrawal from Paris climate agreement",
    "The United States submitted its notice of withdrawal from the Paris Agreement to the UN Secretary-General on Monday; under the accord the exit takes effect one year later.",
    "https://www.reuters.com/sustainability/us-formally-notifies-un-paris-withdrawal-2025-01-28/",
    [(PARIS, "withdrawal", ["US"], "notified")], "notice to the depositary")
add("https://ria.ru/", "ru", "2025-01-28T21:05:00+03:00",
    "США уведомили ООН о выходе из Парижского соглашения по климату",
    "США направили генеральному секретарю ООН уведомление о выходе из Парижского соглашения, выход вступит в силу через год.",
    "https://ria.ru/20250128/klimat-1996105511.html",
    [(PARIS, "withdrawal", ["US"], "notified")], "notice to the depositary")

# 7. Russia ends the plutonium agreement with the US (proposal 31 Jul, bill 6 Oct, Duma 8 Oct, Federation Council 15 Oct, law 27 Oct 2025)
add("http://government.ru/", "ru", "2025-08-01T09:00:00+03:00",
    "О внесении предложения о денонсации Российской Федерацией Соглашения между Правительством Российской Федерации и Правительством Соединенных Штатов Америки об утилизации плутония",
    "Постановление от 31 июля 2025 года №1144. Одобрить и представить Президенту Российской Федерации предложение о денонсации Соглашения об утилизации плутония.",
    "http://government.ru/docs/all/160340/",
    [(PMDA, "withdrawal", ["RU"], "proposed")], "government proposal (official)")
add("http://kremlin.ru/", "ru", "2025-10-06T12:00:00+03:00",
    "Внесён в Госдуму законопроект о денонсации соглашения с США об утилизации плутония",
    "Президент внёс в Государственную Думу проект федерального закона «О денонсации Соглашения между Правительством Российской Федерации и Правительством Соединенных Штатов Америки об утилизации плутония».",
    "http://kremlin.ru/acts/news/78190",
    [(PMDA, "withdrawal", ["RU"], "proposed")], "bill submitted (official)")
add("https://www.themoscowtimes.com/", "en", "2025-10-06T11:20:00+00:00",
    "Putin Submits Bill to Scrap Plutonium Disposal Agreement With U.S.",
    "President Vladimir Putin on Monday submitted a bill to the State Duma to terminate the 2000 agreement with the United States on the disposal of weapons-grade plutonium.",
    "https://www.themoscowtimes.com/2025/10/06/putin-submits-bill-to-scrap-plutonium-agreement-a90712",
    [(PMDA, "withdrawal", ["RU"], "proposed")], "bill submitted")
add("http://duma.gov.ru/", "ru", "2025-10-08T14:30:00+03:00",
    "Госдума приняла закон о денонсации соглашения с США об утилизации плутония",
    "Депутаты приняли закон о денонсации Соглашения между Правительством Российской Федерации и Правительством США об утилизации плутония.",
    "http://duma.gov.ru/news/60112/",
    [(PMDA, "withdrawal", ["RU"], "legislative")], "Duma passes law (official)")
add("https://www.reuters.com/world/", "en", "2025-10-08T12:10:00+00:00",
    "Russia's lower house votes to end plutonium disposal pact with US",
    "Russia's State Duma on Wednesday approved a law to terminate the plutonium management and disposition agreement with the United States.",
    "https://www.reuters.com/world/europe/russias-lower-house-votes-end-plutonium-pact-with-us-2025-10-08/",
    [(PMDA, "withdrawal", ["RU"], "legislative")], "Duma passes law")
add("http://council.gov.ru/", "ru", "2025-10-15T13:00:00+03:00",
    "Совет Федерации одобрил денонсацию соглашения с США об утилизации плутония",
    "Сенаторы одобрили закон о денонсации Соглашения между Правительством России и Правительством США об утилизации плутония.",
    "http://council.gov.ru/events/news/165001/",
    [(PMDA, "withdrawal", ["RU"], "legislative")], "Federation Council (official)")
add("http://kremlin.ru/", "ru", "2025-10-27T15:00:00+03:00",
    "Подписан закон о денонсации соглашения с США об утилизации плутония",
    "Владимир Путин подписал Федеральный закон «О денонсации Соглашения между Правительством Российской Федерации и Правительством Соединенных Штатов Америки об утилизации плутония».",
    "http://kremlin.ru/acts/news/78310",
    [(PMDA, "withdrawal", ["RU"], "enacted")], "law signed (official)")
add("https://apnews.com/hub/world-news", "en", "2025-10-27T13:40:00+00:00",
    "Putin signs law ending plutonium disposal agreement with US",
    "Russian President Vladimir Putin on Monday signed a law terminating a 2000 agreement with the United States on disposing of surplus weapons-grade plutonium.",
    "https://apnews.com/article/russia-us-plutonium-agreement-putin-law-2025-10-27",
    [(PMDA, "withdrawal", ["RU"], "enacted")], "law signed")

# 8. Burkina Faso, Mali and Niger leave the ICC (joint statement 22 Sep 2025)
add("https://www.aljazeera.com/", "en", "2025-09-22T21:05:00+00:00",
    "Burkina Faso, Mali and Niger announce withdrawal from International Criminal Court",
    "The military governments of the three Sahel states said in a joint statement they would leave the Rome Statute with immediate effect, calling the court an instrument of neo-colonial repression.",
    "https://www.aljazeera.com/news/2025/9/22/burkina-faso-mali-and-niger-announce-withdrawal-from-icc",
    [(ICC, "withdrawal", ["BF", "ML", "NE"], "announced")], "joint announcement")
add("https://ria.ru/", "ru", "2025-09-23T01:15:00+03:00",
    "Буркина-Фасо, Мали и Нигер объявили о выходе из МУС",
    "Военные власти трёх стран Сахеля в совместном заявлении сообщили о выходе из Римского статута Международного уголовного суда.",
    "https://ria.ru/20250923/mus-2043101811.html",
    [(ICC, "withdrawal", ["BF", "ML", "NE"], "announced")], "joint announcement")

# 9. Russia leaves the European Convention for the Prevention of Torture (proposal 23 Aug, Duma 16 Sep?, Federation Council 24 Sep, law 29 Sep 2025)
add("http://government.ru/", "ru", "2025-08-25T10:00:00+03:00",
    "О внесении предложения о денонсации Европейской конвенции по предупреждению пыток и бесчеловечного или унижающего достоинство обращения или наказания",
    "Постановление от 23 августа 2025 года. Одобрить и представить Президенту Российской Федерации для внесения в Государственную Думу предложение о денонсации Российской Федерацией Европейской конвенции по предупреждению пыток.",
    "http://government.ru/docs/all/160982/",
    [(CPT, "withdrawal", ["RU"], "proposed")], "government proposal (official)")
add("https://www.themoscowtimes.com/", "en", "2025-08-26T10:21:30+00:00",
    "Russia to Quit Europe's Anti-Torture Convention",
    "The government has approved a proposal to denounce the European Convention for the Prevention of Torture and submitted it to President Vladimir Putin.",
    "https://www.themoscowtimes.com/2025/08/26/russia-to-quit-europes-anti-torture-convention-a90350",
    [(CPT, "withdrawal", ["RU"], "proposed")], "government proposal reported")
add("http://council.gov.ru/", "ru", "2025-09-24T13:30:00+03:00",
    "Совет Федерации одобрил закон о денонсации Европейской конвенции по предупреждению пыток",
    "Сенаторы одобрили закон о денонсации Европейской конвенции по предупреждению пыток и бесчеловечного или унижающего достоинство обращения или наказания.",
    "http://council.gov.ru/events/news/164520/",
    [(CPT, "withdrawal", ["RU"], "legislative")], "Federation Council (official)")
add("http://kremlin.ru/", "ru", "2025-09-29T16:00:00+03:00",
    "Подписан закон о денонсации Европейской конвенции по предупреждению пыток",
    "Президент подписал Федеральный закон «О денонсации Европейской конвенции по предупреждению пыток и бесчеловечного или унижающего достоинство обращения или наказания».",
    "http://kremlin.ru/acts/news/78120",
    [(CPT, "withdrawal", ["RU"], "enacted")], "law signed (official)")
add("https://www.reuters.com/world/", "en", "2025-09-29T14:20:00+00:00",
    "Putin signs law withdrawing Russia from European anti-torture convention",
    "President Vladimir Putin signed a law on Monday denouncing the European Convention for the Prevention of Torture, the Kremlin said.",
    "https://www.reuters.com/world/europe/putin-signs-law-withdrawing-russia-anti-torture-convention-2025-09-29/",
    [(CPT, "withdrawal", ["RU"], "enacted")], "law signed")

# 10. Ukraine ratifies the Rome Statute (Rada 21 Aug 2024, instrument deposited 25 Oct 2024, in force 1 Jan 2025)
add("https://www.reuters.com/world/", "en", "2024-08-21T11:30:00+00:00",
    "Ukraine's parliament ratifies Rome Statute of International Criminal Court",
    "Ukraine's parliament voted on Wednesday to ratify the Rome Statute, paving the way for the country to become a full member of the International Criminal Court.",
    "https://www.reuters.com/world/europe/ukraine-parliament-ratifies-rome-statute-icc-2024-08-21/",
    [(ICC, "ratification", ["UA"], "legislative")], "parliament vote")
add("https://ria.ru/", "ru", "2024-08-21T15:10:00+03:00",
    "Верховная рада ратифицировала Римский статут МУС",
    "Верховная рада Украины проголосовала за ратификацию Римского статута Международного уголовного суда.",
    "https://ria.ru/20240821/rada-1967558101.html",
    [(ICC, "ratification", ["UA"], "legislative")], "parliament vote")
add("https://www.reuters.com/world/", "en", "2024-10-25T16:00:00+00:00",
    "Ukraine deposits instrument of ratification of Rome Statute with UN",
    "Ukraine deposited its instrument of ratification of the Rome Statute with the UN Secretary-General on Friday; the statute enters into force for Ukraine on January 1, 2025.",
    "https://www.reuters.com/world/europe/ukraine-deposits-rome-statute-ratification-un-2024-10-25/",
    [(ICC, "ratification", ["UA"], "notified")], "instrument deposited")
add("https://www.reuters.com/world/", "en", "2025-01-01T10:00:00+00:00",
    "Ukraine becomes 125th member of International Criminal Court",
    "The Rome Statute entered into force for Ukraine on Wednesday, making it the 125th state party to the International Criminal Court.",
    "https://www.reuters.com/world/europe/ukraine-becomes-member-icc-2025-01-01/",
    [(ICC, "ratification", ["UA"], "effective")], "in force for the state")

# hard negatives around the same events
add("https://www.reuters.com/world/", "en", "2025-04-04T09:00:00+00:00",
    "Slovenia says it will not follow Hungary out of the ICC",
    "Slovenia's foreign minister said the country remains committed to the International Criminal Court after Hungary announced it would leave.",
    "https://www.reuters.com/world/europe/slovenia-not-follow-hungary-out-icc-2025-04-04/",
    [], "hard negative: a third state's denial")
add("https://tass.ru/", "ru", "2025-03-20T12:00:00+03:00",
    "В Польше призвали выйти из Оттавской конвенции",
    "Депутаты правящей коалиции призвали правительство рассмотреть выход из конвенции о запрете противопехотных мин.",
    "https://tass.ru/mezhdunarodnaya-panorama/23441120",
    [], "hard negative: a call")

os.chdir(os.path.dirname(os.path.abspath(__file__)))
E.sort(key=lambda e: e[2])
with open("items.jsonl", "w", encoding="utf-8") as items, open("labels.jsonl", "w", encoding="utf-8") as labels:
    for n, (feed, lang, pub, title, desc, link, events, note) in enumerate(E, 1):
        i = f"pb-{n:05d}"
        items.write(json.dumps({"id": i, "feed": feed, "title": title, "description": desc, "link": link, "published": pub, "lang": lang}, ensure_ascii=False) + "\n")
        labels.write(json.dumps({"id": i, "positive": bool(events), "events": [{"treaty": t, "action": a, "states": s, "stage": st} for t, a, s, st in events],
                                 "note": note, "hard_negative": not events and note.startswith("hard")}, ensure_ascii=False) + "\n")
print(len(E), "items")
