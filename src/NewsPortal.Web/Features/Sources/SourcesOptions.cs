namespace NewsPortal.Web.Features.Sources;

/// <summary>Partner feed ingestion: the poller and the rules every outbound feed request obeys (section "Sources").</summary>
public sealed class SourcesOptions
{
    /// <summary>Whether the background poller runs. Off, feeds are only polled by "Poll now" and the <c>ingest</c> command.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Lets feeds live on loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7) and carrier-grade NAT
    /// addresses, e.g. an intranet partner or a test server. Link-local (metadata) and unspecified addresses stay refused.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>The largest feed read; a longer answer is refused without reading the rest.</summary>
    public long MaxFeedBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The whole fetch, retries and redirects included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Redirects followed before the fetch is refused.</summary>
    public int MaxRedirects { get; set; } = 5;

    public string UserAgent { get; set; } = "NewsPortal-FeedReader/1.0";
}
