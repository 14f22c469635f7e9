using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Alerts.Core.Sources;

namespace Alerts.Integration.Tests.Sources;

/// <summary>
/// A loopback TLS 1.2 server that, like old IIS hosts, only agrees to suites outside .NET's default list on Linux
/// (here RSA key transport). The source client for legacy hosts reaches it; the ordinary one does not.
/// </summary>
/// <remarks>Schannel (Windows) has no suite policy and accepts small groups itself: these run where .NET uses OpenSSL.</remarks>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LegacyTlsTests : IAsyncLifetime
{
    private readonly X509Certificate2 _certificate = CreateCertificate();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _serving = Task.CompletedTask;

    public Task InitializeAsync()
    {
        _listener.Start();
        _serving = ServeAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _serving; } catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { }
        _certificate.Dispose();
        _stop.Dispose();
    }

    private Uri Address => new($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/api/signatures");

    private HttpClient Client(bool legacyTls)
    {
        var handler = SourceReadingServiceCollectionExtensions.SourceHandler(allowPrivateNetwork: true, legacyTls);
        // The test's self-signed certificate is trusted by its thumbprint; everything else is the product's handler.
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == _certificate.GetCertHashString();
        return new HttpClient(handler);
    }

    [Fact]
    public async Task The_legacy_client_reaches_a_server_without_the_default_suites()
    {
        using var client = Client(legacyTls: true);

        var body = await client.GetStringAsync(Address);

        Assert.Equal("[[],[],[]]", body);
    }

    [Fact]
    public async Task The_ordinary_client_does_not_so_the_legacy_suites_are_what_makes_the_difference()
    {
        using var client = Client(legacyTls: false);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(Address));
    }

    [Fact]
    public void Legacy_suites_leave_out_finite_field_diffie_hellman()
    {
        Assert.DoesNotContain(LegacyTls.Suites, s => s.ToString().Contains("_DHE_", StringComparison.Ordinal));
        Assert.Equal(TlsCipherSuite.TLS_AES_256_GCM_SHA384, LegacyTls.Suites[0]);
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var connection = await _listener.AcceptTcpClientAsync(cancellationToken);
            _ = Task.Run(() => AnswerAsync(connection, cancellationToken), cancellationToken);
        }
    }

    private async Task AnswerAsync(TcpClient connection, CancellationToken cancellationToken)
    {
        using (connection)
        await using (var tls = new SslStream(connection.GetStream()))
        {
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _certificate,
                    EnabledSslProtocols = SslProtocols.Tls12,
                    CipherSuitesPolicy = new CipherSuitesPolicy([TlsCipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256]),
                }, cancellationToken);
                var buffer = new byte[4096];
                var received = new StringBuilder();
                while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await tls.ReadAsync(buffer, cancellationToken);
                    if (read == 0) return;
                    received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
                var response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10\r\nConnection: close\r\n\r\n[[],[],[]]";
                await tls.WriteAsync(Encoding.ASCII.GetBytes(response), cancellationToken);
            }
            catch (Exception e) when (e is AuthenticationException or IOException)
            {
                // The ordinary client finds no common suite: the handshake fails on both sides.
            }
        }
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
