using System.Net;
using Alerts.Core.Sources.Kinds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Sources;

public static class SourceReadingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISourceReader"/> (<see cref="HttpSourceReader"/>), the registry of source kinds
    /// (<see cref="SourceKinds.CreateDefault"/> unless one is registered already), the two named HttpClients with the
    /// address-guarding handler, and <see cref="FetchOptions"/> from section <c>Fetch</c> (validated at start).
    /// The kinds read the credentials their sources name from <paramref name="configuration"/>.
    /// </summary>
    public static IServiceCollection AddSourceReading(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FetchOptions>()
            .Configure(options => Bind(configuration.GetSection(FetchOptions.Section), options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FetchOptions>, FetchOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => SourceKinds.CreateDefault());
        services.TryAddSingleton<ISourceReader>(sp => new HttpSourceReader(sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<SourceKinds>(), configuration, sp.GetRequiredService<IOptions<FetchOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<HttpSourceReader>>()));
        foreach (var legacyTls in new[] { false, true })
        {
            var suffix = legacyTls ? HttpSourceReader.LegacyTlsSuffix : "";
            AddClient(services, HttpSourceReader.GuardedClientName + suffix, allowPrivateNetwork: false, legacyTls);
            AddClient(services, HttpSourceReader.PrivateClientName + suffix, allowPrivateNetwork: true, legacyTls);
        }
        return services;
    }

    private static void AddClient(IServiceCollection services, string name, bool allowPrivateNetwork, bool legacyTls)
    {
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => SourceHandler(allowPrivateNetwork, legacyTls));
    }

    /// <summary>The handler of the source clients; <paramref name="legacyTls"/> applies <see cref="LegacyTls"/>.</summary>
    public static SocketsHttpHandler SourceHandler(bool allowPrivateNetwork, bool legacyTls)
    {
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed by the reader, hop by hop, to check each one.
            AllowAutoRedirect = false,
            // A proxy would make the connect check see the proxy's address, not the source's.
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = new GuardedConnector(allowPrivateNetwork).ConnectAsync,
        };
        if (legacyTls)
        {
            LegacyTls.Apply(handler);
        }
        return handler;
    }

    // Bound by hand: Alerts.Core takes no dependency on the configuration binder for five keys.
    private static void Bind(IConfiguration section, FetchOptions options)
    {
        options.ContactUrl = string.IsNullOrWhiteSpace(section[nameof(FetchOptions.ContactUrl)]) ? options.ContactUrl : section[nameof(FetchOptions.ContactUrl)];
        options.UserAgent = section[nameof(FetchOptions.UserAgent)] ?? options.UserAgent;
        if (long.TryParse(section[nameof(FetchOptions.MaxBytes)], out var maxBytes)) options.MaxBytes = maxBytes;
        if (int.TryParse(section[nameof(FetchOptions.TimeoutSeconds)], out var timeout)) options.TimeoutSeconds = timeout;
        if (int.TryParse(section[nameof(FetchOptions.MaxRedirects)], out var redirects)) options.MaxRedirects = redirects;
    }
}
