using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Alerts.Core.Sources;

/// <summary>
/// The connect step of the sources' <see cref="SocketsHttpHandler"/>: resolves the host itself and refuses
/// forbidden addresses, so the address checked is the address connected to (no DNS rebinding gap), on every hop.
/// </summary>
public sealed class GuardedConnector(bool allowPrivateNetwork)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"host {endpoint.Host} has no address");
        }
        if (!allowPrivateNetwork)
        {
            // One forbidden address is enough to refuse: a name that mixes public and private answers is suspect.
            var forbidden = addresses.FirstOrDefault(AddressGuard.IsForbidden);
            if (forbidden is not null)
            {
                throw new SourceAddressRefusedException($"refused: {endpoint.Host} resolves to {forbidden}, a loopback, link-local or private address (set AllowPrivateNetwork to permit)");
            }
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The address a source resolved to may not be reached.</summary>
public sealed class SourceAddressRefusedException(string message) : HttpRequestException(message);
