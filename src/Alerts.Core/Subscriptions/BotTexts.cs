using Alerts.Core.Messages;

namespace Alerts.Core.Subscriptions;

/// <summary>What the bot says, in English and Russian. Arguments are HTML-escaped by the caller.</summary>
public abstract class BotTexts
{
    public static BotTexts For(string language) => language == "ru" ? Russian : English;

    public static BotTexts English { get; } = new EnglishTexts();

    public static BotTexts Russian { get; } = new RussianTexts();

    public abstract string Welcome(int maxFilters);
    public abstract string FollowRussiaButton { get; }
    public abstract string OtherLanguageButton { get; }
    public abstract string FollowUsage { get; }
    public abstract string Following(string words);
    public abstract string AlreadyFollowing(string words);
    public abstract string TooMany(int max);
    public abstract string Problem(FilterProblem problem, IReadOnlyList<string> words);
    public abstract string NothingFollowed { get; }
    public abstract string UnfollowWhich { get; }
    public abstract string UnfollowedAll(int count);
    public abstract string NoSuchNumber(int number, int count);
    public abstract string Unfollowed(string words);
    public abstract string NotFollowing(string words);
    public abstract string ListHeader { get; }
    public abstract string LatestHeader { get; }
    public abstract string NoEventsYet { get; }
    public abstract string EventUsage { get; }
    public abstract string NoSuchEvent(string id);
    public abstract string LanguageUsage { get; }
    public abstract string LanguageSet { get; }
    public abstract string Stopped(int removed);
    public abstract string UnknownCommand(string command);
    public abstract string NotACommand(string text);
    public abstract string TooLong(int max);
    public abstract string Milestone(TreatyMilestone stage);

    private sealed class EnglishTexts : BotTexts
    {
        public override string Welcome(int maxFilters) =>
            "<b>Treaty Alerts</b> tells you when a state signs, ratifies, joins, withdraws from or suspends an international treaty — once, with the official source, updated as the step moves on.\n\n"
            + "Follow a state, a treaty, a kind of step, or a combination:\n"
            + "/follow RU\n/follow New START\n/follow Russia withdrawal\n/follow coe:126\n\n"
            + $"/list — what you follow (up to {maxFilters})\n/unfollow — stop following one\n/latest — the latest events you follow\n/event &lt;id&gt; — one event's timeline\n/language — English or Russian\n/stop — unsubscribe from everything";
        public override string FollowRussiaButton => "Follow Russia";
        public override string OtherLanguageButton => "Русский";
        public override string FollowUsage => "What should I follow? A state, a treaty, a kind of step or a combination, e.g.\n/follow RU\n/follow New START\n/follow Russia withdrawal";
        public override string Following(string words) => $"Following: {words}.\n/list shows everything you follow.";
        public override string AlreadyFollowing(string words) => $"You already follow: {words}.";
        public override string TooMany(int max) => $"You follow {max} filters already, the most allowed. /unfollow one first.";
        public override string Problem(FilterProblem problem, IReadOnlyList<string> words) => problem switch
        {
            FilterProblem.UnknownWords => $"I don't know “{string.Join(" ", words)}” as a state, treaty or step. Try a state (RU, Russia), a treaty (coe:126, New START) or a step (withdrawal, ratification).",
            FilterProblem.TwoStates => $"One state per filter, please ({string.Join(", ", words)}): follow each with its own /follow.",
            FilterProblem.TwoTreaties => "One treaty per filter, please: follow each with its own /follow.",
            FilterProblem.TwoActions => $"One kind of step per filter, please ({string.Join(", ", words)}): follow each with its own /follow.",
            _ => FollowUsage,
        };
        public override string NothingFollowed => "You follow nothing yet. Try /follow RU.";
        public override string UnfollowWhich => "Which one should I stop? Tap it, or send /unfollow &lt;number&gt; (see /list), or /unfollow all.";
        public override string UnfollowedAll(int count) => $"Stopped following all {count} filters.";
        public override string NoSuchNumber(int number, int count) => $"There is no filter {number}: you follow {count}. See /list.";
        public override string Unfollowed(string words) => $"No longer following: {words}.";
        public override string NotFollowing(string words) => $"You don't follow {words}. See /list.";
        public override string ListHeader => "You follow:";
        public override string LatestHeader => "The latest events you follow:";
        public override string NoEventsYet => "No events match what you follow yet. You will get a message when one happens.";
        public override string EventUsage => "Send /event &lt;id&gt;, e.g. /event coe-126.withdrawal.ru (the ids are in /latest).";
        public override string NoSuchEvent(string id) => $"I know no event “{id}”. /latest lists recent ones with their ids.";
        public override string LanguageUsage => "Send /language en or /language ru, or tap one:";
        public override string LanguageSet => "I will write to you in English.";
        public override string Stopped(int removed) => $"Unsubscribed ({removed} filters removed). You will get nothing more. /start to come back.";
        public override string UnknownCommand(string command) => $"I don't know {command}. Commands: /follow, /unfollow, /list, /latest, /event, /language, /stop, /help.";
        public override string NotACommand(string text) => $"To follow “{text}”, send /follow {text}. /help lists the commands.";
        public override string TooLong(int max) => $"That is too long for me (at most {max} characters).";
        public override string Milestone(TreatyMilestone stage) => stage switch
        {
            TreatyMilestone.Announced => "announced",
            TreatyMilestone.Proposed => "proposed",
            TreatyMilestone.Legislative => "in parliament",
            TreatyMilestone.Enacted => "enacted",
            TreatyMilestone.Notified => "notified to the depositary",
            TreatyMilestone.Effective => "in effect",
            _ => "reported",
        };
    }

    private sealed class RussianTexts : BotTexts
    {
        public override string Welcome(int maxFilters) =>
            "<b>Treaty Alerts</b> сообщает, когда государство подписывает, ратифицирует международный договор, присоединяется к нему, выходит из него или приостанавливает его — один раз, с официальным источником, и обновляет сообщение по мере продвижения.\n\n"
            + "Подпишитесь на государство, договор, вид шага или их сочетание:\n"
            + "/follow RU\n/follow ДВЗЯИ\n/follow Россия выход\n/follow coe:126\n\n"
            + $"/list — ваши подписки (до {maxFilters})\n/unfollow — отписаться от одной\n/latest — последние события по подпискам\n/event &lt;id&gt; — история одного события\n/language — русский или английский\n/stop — отписаться от всего";
        public override string FollowRussiaButton => "Подписаться на Россию";
        public override string OtherLanguageButton => "English";
        public override string FollowUsage => "На что подписаться? Государство, договор, вид шага или сочетание, например:\n/follow RU\n/follow ДВЗЯИ\n/follow Россия выход";
        public override string Following(string words) => $"Подписка: {words}.\n/list — все ваши подписки.";
        public override string AlreadyFollowing(string words) => $"Вы уже подписаны: {words}.";
        public override string TooMany(int max) => $"У вас уже {max} подписок — это максимум. Сначала отпишитесь от одной: /unfollow.";
        public override string Problem(FilterProblem problem, IReadOnlyList<string> words) => problem switch
        {
            FilterProblem.UnknownWords => $"Не понимаю «{string.Join(" ", words)}»: это не государство, не договор и не шаг. Попробуйте государство (RU, Россия), договор (coe:126, ДВЗЯИ) или шаг (выход, ратификация).",
            FilterProblem.TwoStates => $"Одно государство на подписку ({string.Join(", ", words)}): подпишитесь на каждое отдельной командой /follow.",
            FilterProblem.TwoTreaties => "Один договор на подписку: подпишитесь на каждый отдельной командой /follow.",
            FilterProblem.TwoActions => $"Один вид шага на подписку ({string.Join(", ", words)}): подпишитесь на каждый отдельной командой /follow.",
            _ => FollowUsage,
        };
        public override string NothingFollowed => "У вас пока нет подписок. Попробуйте /follow RU.";
        public override string UnfollowWhich => "От какой подписки отписаться? Нажмите на неё, или отправьте /unfollow &lt;номер&gt; (см. /list), или /unfollow все.";
        public override string UnfollowedAll(int count) => $"Все подписки ({count}) отменены.";
        public override string NoSuchNumber(int number, int count) => $"Подписки {number} нет: у вас их {count}. См. /list.";
        public override string Unfollowed(string words) => $"Подписка отменена: {words}.";
        public override string NotFollowing(string words) => $"Вы не подписаны на: {words}. См. /list.";
        public override string ListHeader => "Ваши подписки:";
        public override string LatestHeader => "Последние события по вашим подпискам:";
        public override string NoEventsYet => "Пока нет событий по вашим подпискам. Я напишу, когда они появятся.";
        public override string EventUsage => "Отправьте /event &lt;id&gt;, например /event coe-126.withdrawal.ru (id есть в /latest).";
        public override string NoSuchEvent(string id) => $"События «{id}» нет. /latest покажет последние с их id.";
        public override string LanguageUsage => "Отправьте /language ru или /language en, или нажмите:";
        public override string LanguageSet => "Буду писать вам по-русски.";
        public override string Stopped(int removed) => $"Вы отписаны (подписок удалено: {removed}). Больше сообщений не будет. /start — чтобы вернуться.";
        public override string UnknownCommand(string command) => $"Не знаю команды {command}. Команды: /follow, /unfollow, /list, /latest, /event, /language, /stop, /help.";
        public override string NotACommand(string text) => $"Чтобы подписаться на «{text}», отправьте /follow {text}. /help — список команд.";
        public override string TooLong(int max) => $"Слишком длинно (не больше {max} символов).";
        public override string Milestone(TreatyMilestone stage) => stage switch
        {
            TreatyMilestone.Announced => "объявлено",
            TreatyMilestone.Proposed => "предложено",
            TreatyMilestone.Legislative => "в парламенте",
            TreatyMilestone.Enacted => "закон принят",
            TreatyMilestone.Notified => "депозитарий уведомлён",
            TreatyMilestone.Effective => "вступило в силу",
            _ => "сообщено",
        };
    }
}
