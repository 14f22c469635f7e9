using System.Net.Security;

namespace Alerts.Core.Sources;

/// <summary>
/// TLS for servers that still negotiate a Diffie-Hellman group smaller than 2048 bits (the Council of Europe's
/// <c>conventions-ws.coe.int</c>). OpenSSL at security level 2 refuses such a group in the middle of the handshake
/// (<c>dh key too small</c>) instead of moving on to another suite, and .NET offers no way to lower the level for one
/// connection (<c>OPENSSL_CONF</c> works only process-wide). So the sources that need it are read through a client whose
/// suites leave finite-field DHE out: ECDHE first (as .NET's own default list), then the older ECDHE-CBC-SHA and
/// RSA key-transport suites such servers also offer. Certificates are validated as for every other source.
/// </summary>
public static class LegacyTls
{
    /// <summary>The suites offered to legacy servers: no DHE, so no DH group to refuse.</summary>
    public static IReadOnlyList<TlsCipherSuite> Suites { get; } =
    [
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
        TlsCipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA256,
        TlsCipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256,
        TlsCipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
        TlsCipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
    ];

    /// <summary>
    /// Restricts <paramref name="handler"/> to <see cref="Suites"/> where .NET lets an application choose suites
    /// (Linux, macOS: OpenSSL). Windows' Schannel accepts the small group by itself, so nothing changes there.
    /// </summary>
    public static void Apply(SocketsHttpHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            handler.SslOptions.CipherSuitesPolicy = new CipherSuitesPolicy(Suites);
        }
    }
}
