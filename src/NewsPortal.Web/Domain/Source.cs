namespace NewsPortal.Web.Domain;

/// <summary>A publication that articles come from, e.g. "Korea Herald"; with a feed, a partner whose items arrive by themselves.</summary>
public class Source
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? HomepageUrl { get; set; }
    public string? FeedUrl { get; set; }

    /// <summary>True when the feed is polled; false pauses it (the settings and status stay).</summary>
    public bool FeedEnabled { get; set; }

    /// <summary>Minutes between polls when all is well.</summary>
    public int PollMinutes { get; set; } = 60;

    /// <summary>Where new items are filed; required while a feed URL is set.</summary>
    public int? DefaultSectionId { get; set; }
    public Section? DefaultSection { get; set; }

    /// <summary>Whose byline new items carry; required while a feed URL is set.</summary>
    public int? DefaultAuthorId { get; set; }
    public Author? DefaultAuthor { get; set; }

    /// <summary>True: new items go out at once; false: they wait as drafts for an editor.</summary>
    public bool PublishItems { get; set; }

    /// <summary>UTC. When the feed was last asked, whatever the answer.</summary>
    public DateTime? LastPolledAt { get; set; }

    /// <summary>UTC. When the feed last answered with something readable (or "not modified").</summary>
    public DateTime? LastSucceededAt { get; set; }

    /// <summary>What went wrong at the last poll, in words for the editor; null when it went well.</summary>
    public string? LastError { get; set; }

    /// <summary>Polls in a row that failed; the wait before the next one doubles with each.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>UTC. When the poller next asks; null for a source without an enabled feed.</summary>
    public DateTime? NextPollAt { get; set; }

    public int ItemsAddedTotal { get; set; }
    public int ItemsAddedLastPoll { get; set; }

    /// <summary>The validators of the last full answer, sent back as If-None-Match / If-Modified-Since.</summary>
    public string? FeedETag { get; set; }
    public string? FeedLastModified { get; set; }
}
