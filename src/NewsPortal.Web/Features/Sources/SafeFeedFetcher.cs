using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Features.Sources;

/// <summary>A feed's bytes as fetched, or "not modified" when the validators we sent still hold.</summary>
public sealed record FeedResponse(bool NotModified, byte[] Body, Uri Address, string? ETag, string? LastModified);

/// <summary>The feed could not be fetched; the message is written for the editor who reads the source's status.</summary>
public sealed class FeedFetchException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Every outbound feed request goes through here. Only http and https; redirects followed by hand, each hop
/// checked again, at most <see cref="SourcesOptions.MaxRedirects"/>; the answer read up to
/// <see cref="SourcesOptions.MaxFeedBytes"/> and no further; the whole fetch bounded by
/// <see cref="SourcesOptions.Timeout"/>. Which addresses may be reached is decided where the socket connects
/// (<see cref="FeedConnections"/>), so a name that resolves differently the second time gains nothing.
/// Transient failures are retried by the client's resilience pipeline, not here.
/// </summary>
public sealed class SafeFeedFetcher(IHttpClientFactory clients, IOptions<SourcesOptions> options)
{
    public const string ClientName = "partner-feeds";

    private static readonly HashSet<HttpStatusCode> Redirects =
    [
        HttpStatusCode.MovedPermanently, HttpStatusCode.Found, HttpStatusCode.SeeOther,
        HttpStatusCode.TemporaryRedirect, HttpStatusCode.PermanentRedirect,
    ];

    public async Task<FeedResponse> FetchAsync(Uri address, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        var client = clients.CreateClient(ClientName);
        var current = address;
        try
        {
            for (var hop = 0; ; hop++)
            {
                RequireWebScheme(current);
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.TryAddWithoutValidation("User-Agent", settings.UserAgent);
                request.Headers.TryAddWithoutValidation("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
                if (!string.IsNullOrEmpty(etag))
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                }
                if (!string.IsNullOrEmpty(lastModified))
                {
                    request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
                }
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                if (Redirects.Contains(response.StatusCode))
                {
                    if (hop >= settings.MaxRedirects)
                    {
                        throw new FeedFetchException($"The feed redirected more than {settings.MaxRedirects} times (last to {current}).");
                    }
                    current = response.Headers.Location is { } location
                        ? new Uri(current, location)
                        : throw new FeedFetchException($"The feed at {current} redirected without saying where to.");
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    return new FeedResponse(true, [], current, etag, lastModified);
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw new FeedFetchException(string.Create(CultureInfo.InvariantCulture,
                        $"The feed answered {(int)response.StatusCode} {response.ReasonPhrase} at {current}."));
                }
                var body = await ReadCappedAsync(response.Content, settings.MaxFeedBytes, deadline.Token);
                return new FeedResponse(false, body, current, response.Headers.ETag?.ToString(), Validator(response.Content.Headers.LastModified));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FeedFetchException(string.Create(CultureInfo.InvariantCulture,
                $"The feed did not answer within {settings.Timeout.TotalSeconds:0} seconds ({current})."));
        }
        catch (HttpRequestException exception)
        {
            var refused = FindRefusal(exception);
            throw new FeedFetchException(refused?.Message ?? $"The feed could not be reached at {current}: {exception.Message}", exception);
        }
    }

    /// <summary>The refusal of <see cref="FeedConnections"/>, wherever the HTTP stack wrapped it.</summary>
    public static RefusedAddressException? FindRefusal(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is RefusedAddressException refused)
            {
                return refused;
            }
        }
        return null;
    }

    private static void RequireWebScheme(Uri address)
    {
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new FeedFetchException($"Only http:// and https:// feeds are fetched, not {address}.");
        }
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    private static FeedFetchException TooLarge(long maxBytes) =>
        new(string.Create(CultureInfo.InvariantCulture, $"The feed is larger than {maxBytes / 1024.0 / 1024.0:0.#} MB (Sources:MaxFeedBytes); it was not read."));

    private static string? Validator(DateTimeOffset? lastModified) => lastModified?.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// The sockets behind the feed client: the host name is resolved here and every address is judged before a
/// connection is opened to it, so the address checked is the address connected (DNS rebinding cannot slip a
/// private address in between). No proxy, since a proxy would connect on our behalf to addresses never checked.
/// </summary>
public static class FeedConnections
{
    public static SocketsHttpHandler CreateHandler(SourcesOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = options.Timeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, options.AllowPrivateNetworks, cancellationToken),
    };

    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivateNetworks, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endPoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => OutboundAddresses.IsAllowed(a, allowPrivateNetworks)).ToList();
        if (allowed.Count == 0)
        {
            var refused = addresses.Length > 0 ? addresses[0] : null;
            var why = refused is null ? "it has no address"
                : OutboundAddresses.Classify(refused) == AddressKind.Private
                    ? $"{refused} is a loopback or private-network address (Sources:AllowPrivateNetworks is off)"
                    : $"{refused} is a link-local, metadata, multicast or unspecified address";
            throw new RefusedAddressException($"Refused to fetch from {endPoint.Host}: {why}.");
        }
        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }
}
