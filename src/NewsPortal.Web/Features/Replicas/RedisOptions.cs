namespace NewsPortal.Web.Features.Replicas;

/// <summary>The <c>Redis</c> section. Unset <see cref="Configuration"/> means one process: everything stays in memory.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary><c>Redis:Configuration</c>: a StackExchange.Redis connection string (<c>redis:6379,password=…</c>).</summary>
    public string? Configuration { get; set; }

    /// <summary><c>Redis:InstanceName</c>: the prefix of every key the portal writes, so several portals can share one Redis.</summary>
    public string InstanceName { get; set; } = "newsportal:";
}
