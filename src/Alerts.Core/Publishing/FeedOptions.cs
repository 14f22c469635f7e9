using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Publishing;

/// <summary>The public feeds endpoint (<c>Feeds:*</c>): how many entries a feed holds, how long clients and a CDN may cache it.</summary>
public sealed class FeedOptions
{
    public const string Section = "Feeds";

    /// <summary>Entries per feed, and the most a <c>?limit=</c> may ask for (larger asks are cut to this).</summary>
    [Range(1, 1000)]
    public int MaxEntries { get; set; } = 100;

    /// <summary><c>Cache-Control: public, max-age</c> of a feed response, in seconds.</summary>
    [Range(0, 86_400)]
    public int MaxAgeSeconds { get; set; } = 300;

    /// <summary>How long one instance reuses the list of public events before reading the store again, in seconds (0: every request).</summary>
    [Range(0, 3_600)]
    public int CacheSeconds { get; set; } = 60;
}

/// <summary>The data-annotation checks of <see cref="FeedOptions"/>, generated at compile time (no reflection: works in the native build).</summary>
[OptionsValidator]
internal sealed partial class FeedOptionsValidator : IValidateOptions<FeedOptions>;
