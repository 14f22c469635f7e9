using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Sources;

/// <summary>How sources are fetched (configuration section <c>Fetch</c>).</summary>
public sealed class FetchOptions
{
    public const string Section = "Fetch";

    /// <summary>
    /// Where a site operator can reach the people running this instance; sent in the User-Agent.
    /// Optional, so a first run works out of the box, but set it: polite crawlers say who they are.
    /// </summary>
    [Url]
    public string? ContactUrl { get; set; }

    /// <summary>Product token of the User-Agent.</summary>
    [Required, RegularExpression(@"^[A-Za-z0-9._/-]+$", ErrorMessage = "Fetch:UserAgent must be a product token such as TreatyAlerts/1.0.")]
    public string UserAgent { get; set; } = "TreatyAlerts/1.0";

    /// <summary>Largest body read; a longer response is cut off and fails.</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>The full User-Agent header value.</summary>
    public string UserAgentHeader => string.IsNullOrWhiteSpace(ContactUrl) ? $"{UserAgent} (treaty-action alerts)" : $"{UserAgent} (+{ContactUrl})";
}

/// <summary>The data-annotation checks of <see cref="FetchOptions"/>, generated at compile time (no reflection: works in the native build).</summary>
[OptionsValidator]
internal sealed partial class FetchOptionsValidator : IValidateOptions<FetchOptions>;
