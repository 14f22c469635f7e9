using System.Globalization;
using System.Text;
using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Subscriptions;

/// <summary>A text a user sent the bot in a chat (a command, or a button's data), with the Telegram update it came in.</summary>
/// <param name="LanguageCode">The user's Telegram language (<c>ru</c>, <c>en-GB</c>), when Telegram sent it.</param>
/// <param name="ChatType"><c>private</c>, <c>group</c>, <c>supergroup</c> or <c>channel</c>.</param>
public sealed record BotMessage(long UpdateId, long ChatId, string ChatType, string? LanguageCode, string Text);

/// <summary>An answer to send: HTML for Telegram, with optional buttons whose data is a command.</summary>
public sealed record BotReply(long ChatId, string Html, IReadOnlyList<BotButton>? Buttons = null);

/// <summary>An inline keyboard button; pressing it sends <see cref="Command"/> back as if typed.</summary>
public sealed record BotButton(string Label, string Command);

/// <summary>
/// The bot's side of a private chat: <c>/start</c>, <c>/follow</c>, <c>/unfollow</c>, <c>/list</c>, <c>/latest</c>,
/// <c>/event</c>, <c>/language</c>, <c>/stop</c>, <c>/help</c>, in English or Russian (the user's Telegram language until
/// they choose). Every update is answered at most once (<see cref="SubscriptionStore.TryClaimUpdateAsync"/>); every
/// private message gets an answer, never silence. Messages from groups and channels are ignored.
/// </summary>
public sealed class BotConversation(
    SubscriptionStore subscriptions,
    FilterParser parser,
    EventQueries events,
    IOptions<SubscriptionOptions> options,
    TimeProvider time,
    ILogger<BotConversation> logger)
{
    private SubscriptionOptions Options => options.Value;

    public async Task<IReadOnlyList<BotReply>> HandleAsync(BotMessage message, CancellationToken cancellationToken = default)
    {
        if (!Options.Enabled || message.ChatType != "private")
        {
            return [];
        }
        if (!await subscriptions.TryClaimUpdateAsync(message.UpdateId, cancellationToken))
        {
            logger.LogInformation("Update {UpdateId} was handled already; not answered again", message.UpdateId);
            return [];
        }
        var profile = await subscriptions.GetProfileAsync(message.ChatId, cancellationToken);
        var language = profile is { LanguageChosen: true } ? profile.Language : LanguageOf(message.LanguageCode);
        var texts = BotTexts.For(language);
        var text = message.Text.Trim();
        if (text.Length > Options.MaxCommandLength)
        {
            return [Reply(message, texts.TooLong(Options.MaxCommandLength))];
        }
        var (command, argument) = SplitCommand(text);
        logger.LogInformation("Update {UpdateId}: command {Command}", message.UpdateId, command ?? "(text)");
        return command switch
        {
            "/start" or "/help" => [await StartAsync(message, profile, language, texts, cancellationToken)],
            "/follow" => [await FollowAsync(message, profile, language, texts, argument, cancellationToken)],
            "/unfollow" => [await UnfollowAsync(message, language, texts, argument, cancellationToken)],
            "/list" => [await ListAsync(message, language, texts, cancellationToken)],
            "/latest" => [await LatestAsync(message, language, texts, cancellationToken)],
            "/event" => [await EventAsync(message, language, texts, argument, cancellationToken)],
            "/language" or "/lang" => [await LanguageAsync(message, profile, texts, argument, cancellationToken)],
            "/stop" => [await StopAsync(message, profile, language, texts, cancellationToken)],
            null => [Reply(message, texts.NotACommand(TelegramHtml.Escape(Shorten(text))))],
            _ => [Reply(message, texts.UnknownCommand(TelegramHtml.Escape(Shorten(command))))],
        };
    }

    private async Task<BotReply> StartAsync(BotMessage message, SubscriberProfile? profile, string language, BotTexts texts, CancellationToken ct)
    {
        await subscriptions.SaveProfileAsync(new SubscriberProfile
        {
            ChatId = message.ChatId,
            Language = language,
            LanguageChosen = profile?.LanguageChosen ?? false,
            Stopped = false,
            Since = profile?.Since ?? time.GetUtcNow(),
        }, ct);
        return Reply(message, texts.Welcome(Options.MaxFilters),
        [
            new BotButton(texts.FollowRussiaButton, "/follow RU"),
            new BotButton(texts.OtherLanguageButton, language == "ru" ? "/language en" : "/language ru"),
        ]);
    }

    private async Task<BotReply> FollowAsync(BotMessage message, SubscriberProfile? profile, string language, BotTexts texts, string argument, CancellationToken ct)
    {
        if (argument.Length == 0)
        {
            return Reply(message, texts.FollowUsage);
        }
        var parsed = parser.Parse(argument);
        if (parsed.Filter is not { } filter)
        {
            return Reply(message, texts.Problem(parsed.Problem, parsed.Words.Select(w => TelegramHtml.Escape(w)).ToList()));
        }
        if (profile is null || profile.Stopped)
        {
            // Following is starting: a user who never sent /start (or stopped) is subscribed from now on.
            await subscriptions.SaveProfileAsync(new SubscriberProfile
            {
                ChatId = message.ChatId,
                Language = language,
                LanguageChosen = profile?.LanguageChosen ?? false,
                Since = profile?.Since ?? time.GetUtcNow(),
            }, ct);
        }
        var words = TelegramHtml.Escape(parser.Describe(filter, language));
        return await subscriptions.FollowAsync(message.ChatId, filter, Options.MaxFilters, ct) switch
        {
            FollowResult.Added => Reply(message, texts.Following(words)),
            FollowResult.AlreadyFollowing => Reply(message, texts.AlreadyFollowing(words)),
            _ => Reply(message, texts.TooMany(Options.MaxFilters)),
        };
    }

    private async Task<BotReply> UnfollowAsync(BotMessage message, string language, BotTexts texts, string argument, CancellationToken ct)
    {
        var filters = await subscriptions.ListAsync(message.ChatId, ct);
        if (filters.Count == 0)
        {
            return Reply(message, texts.NothingFollowed);
        }
        if (argument.Length == 0)
        {
            // One button per filter: tapping it unfollows by number.
            return Reply(message, texts.UnfollowWhich, filters.Select((f, i) => new BotButton(parser.Describe(f, language), "/unfollow " + (i + 1).ToString(CultureInfo.InvariantCulture))).ToList());
        }
        if (argument is "all" or "все" or "всё")
        {
            var count = await subscriptions.UnfollowAllAsync(message.ChatId, ct);
            return Reply(message, texts.UnfollowedAll(count));
        }
        SubscriptionFilter? target = null;
        if (int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            target = number >= 1 && number <= filters.Count ? filters[number - 1] : null;
            if (target is null)
            {
                return Reply(message, texts.NoSuchNumber(number, filters.Count));
            }
        }
        else
        {
            var parsed = parser.Parse(argument);
            if (parsed.Filter is null)
            {
                return Reply(message, texts.Problem(parsed.Problem, parsed.Words.Select(w => TelegramHtml.Escape(w)).ToList()));
            }
            target = parsed.Filter;
        }
        var words = TelegramHtml.Escape(parser.Describe(target, language));
        return await subscriptions.UnfollowAsync(message.ChatId, target, ct)
            ? Reply(message, texts.Unfollowed(words))
            : Reply(message, texts.NotFollowing(words));
    }

    private async Task<BotReply> ListAsync(BotMessage message, string language, BotTexts texts, CancellationToken ct)
    {
        var filters = await subscriptions.ListAsync(message.ChatId, ct);
        if (filters.Count == 0)
        {
            return Reply(message, texts.NothingFollowed);
        }
        var lines = filters.Select((f, i) => $"{i + 1}. {TelegramHtml.Escape(parser.Describe(f, language))}");
        return Reply(message, texts.ListHeader + "\n" + string.Join('\n', lines));
    }

    private async Task<BotReply> LatestAsync(BotMessage message, string language, BotTexts texts, CancellationToken ct)
    {
        var filters = await subscriptions.ListAsync(message.ChatId, ct);
        if (filters.Count == 0)
        {
            return Reply(message, texts.NothingFollowed);
        }
        var latest = (await events.ListAsync(ct))
            .Where(h => h.SucceededBy is null && filters.Any(f => f.Matches(h)))
            .Take(Options.LatestCount)
            .ToList();
        if (latest.Count == 0)
        {
            return Reply(message, texts.NoEventsYet);
        }
        var sb = new StringBuilder(texts.LatestHeader);
        foreach (var head in latest)
        {
            sb.Append("\n\n").Append(EventLine(head, language, texts));
            sb.Append("\n/event ").Append(TelegramHtml.Escape(head.EventId));
        }
        return Reply(message, sb.ToString());
    }

    private async Task<BotReply> EventAsync(BotMessage message, string language, BotTexts texts, string argument, CancellationToken ct)
    {
        if (argument.Length == 0)
        {
            return Reply(message, texts.EventUsage);
        }
        var id = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0].ToLowerInvariant();
        var head = id.Length <= 200 ? await events.GetHeadAsync(id, ct) : null;
        if (head is null)
        {
            return Reply(message, texts.NoSuchEvent(TelegramHtml.Escape(Shorten(id))));
        }
        var sb = new StringBuilder(EventLine(head, language, texts));
        foreach (var step in head.MilestoneHistory)
        {
            sb.Append('\n').Append(step.SeenAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(" — ").Append(TelegramHtml.Escape(texts.Milestone(step.Milestone)));
        }
        foreach (var source in head.Sources.OrderBy(s => s.Source.Published ?? head.FirstSeen).Take(10))
        {
            var when = (source.Source.Published ?? head.FirstSeen).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var link = Uri.TryCreate(source.Source.Link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? $"<a href=\"{TelegramHtml.Escape(uri.AbsoluteUri)}\">{TelegramHtml.Escape(Shorten(source.Source.Title))}</a>"
                : TelegramHtml.Escape(Shorten(source.Source.Title));
            sb.Append("\n• ").Append(when).Append(' ').Append(link);
        }
        return Reply(message, sb.ToString());
    }

    private async Task<BotReply> LanguageAsync(BotMessage message, SubscriberProfile? profile, BotTexts texts, string argument, CancellationToken ct)
    {
        var chosen = argument.ToLowerInvariant() switch
        {
            "ru" or "русский" or "russian" => "ru",
            "en" or "english" or "английский" => "en",
            _ => null,
        };
        if (chosen is null)
        {
            return Reply(message, texts.LanguageUsage, [new BotButton("English", "/language en"), new BotButton("Русский", "/language ru")]);
        }
        await subscriptions.SaveProfileAsync(new SubscriberProfile
        {
            ChatId = message.ChatId,
            Language = chosen,
            LanguageChosen = true,
            Stopped = profile?.Stopped ?? false,
            Since = profile?.Since ?? time.GetUtcNow(),
        }, ct);
        return Reply(message, BotTexts.For(chosen).LanguageSet);
    }

    private async Task<BotReply> StopAsync(BotMessage message, SubscriberProfile? profile, string language, BotTexts texts, CancellationToken ct)
    {
        var removed = await subscriptions.UnfollowAllAsync(message.ChatId, ct);
        await subscriptions.SaveProfileAsync(new SubscriberProfile
        {
            ChatId = message.ChatId,
            Language = language,
            LanguageChosen = profile?.LanguageChosen ?? false,
            Stopped = true,
            Since = profile?.Since ?? time.GetUtcNow(),
        }, ct);
        return Reply(message, texts.Stopped(removed));
    }

    private string EventLine(EventHead head, string language, BotTexts texts)
    {
        var states = head.States.Count == 0 ? "?" : string.Join(", ", head.States.Select(s => StateNames.Name(s, language)));
        var treaty = head.Treaty.Id == TreatyRef.UnknownId ? head.Treaty.Name : parser.TreatyName(head.Treaty.Id, language == "ru");
        var when = (head.StepDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) ?? head.LastChange.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"<b>{TelegramHtml.Escape(states)}</b> — {TelegramHtml.Escape(FilterParser.ActionName(head.Action, language == "ru"))}: {TelegramHtml.Escape(treaty)}\n"
            + $"{TelegramHtml.Escape(texts.Milestone(head.Milestone))}, {when}";
    }

    private static BotReply Reply(BotMessage message, string html, IReadOnlyList<BotButton>? buttons = null) => new(message.ChatId, html, buttons);

    /// <summary><c>ru</c> for a Russian Telegram, else <c>en</c>.</summary>
    public static string LanguageOf(string? languageCode) =>
        languageCode is not null && languageCode.StartsWith("ru", StringComparison.OrdinalIgnoreCase) ? "ru" : "en";

    /// <summary>"/follow@my_bot RU" → ("/follow", "RU"); text without a leading slash → (null, text).</summary>
    private static (string? Command, string Argument) SplitCommand(string text)
    {
        if (!text.StartsWith('/'))
        {
            return (null, text);
        }
        var space = text.IndexOfAny([' ', '\n', '\t']);
        var head = space < 0 ? text : text[..space];
        var at = head.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            head = head[..at];
        }
        return (head.ToLowerInvariant(), space < 0 ? "" : text[(space + 1)..].Trim());
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
