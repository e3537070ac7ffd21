using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsPortal.Web.Features.Sources;

namespace NewsPortal.Tests.Features.Sources;

/// <summary>With Sources:AllowPrivateNetworks=false, as in production, the feed client reaches only public addresses.</summary>
public sealed class OutboundFetchSafetyTests(GuardedFeedPortalFactory factory, FeedServerFixture feeds)
    : IClassFixture<GuardedFeedPortalFactory>, IClassFixture<FeedServerFixture>
{
    [Fact]
    public async Task The_loopback_feed_server_itself_is_refused_and_never_reached()
    {
        var tag = FeedTestData.Tag();
        var source = await factory.AddSourceAsync(feeds.Server.Feed("/rss2.xml", tag));

        var outcome = await factory.PollAsync(source.Id);

        Assert.False(outcome.Succeeded);
        Assert.Contains("127.0.0.1 is a loopback or private-network address", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(0, feeds.Server.Hits("/rss2.xml", tag));
        Assert.Empty(await factory.ArticlesOfAsync(source.Id));
        Assert.Contains("Sources:AllowPrivateNetworks", (await factory.SourceAsync(source.Id)).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_after_resolution()
    {
        var source = await factory.AddSourceAsync(new Uri($"http://localhost:{feeds.Server.BaseAddress.Port}/rss2.xml?tag={FeedTestData.Tag()}"));

        var outcome = await factory.PollAsync(source.Id);

        Assert.Contains("Refused to fetch from localhost", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/feed.xml")]
    [InlineData("http://192.168.1.1/feed.xml")]
    [InlineData("http://172.16.0.1/feed.xml")]
    [InlineData("http://100.64.0.1/feed.xml")]
    [InlineData("http://0.0.0.0/feed.xml")]
    [InlineData("http://[::1]/feed.xml")]
    [InlineData("http://[fe80::1]/feed.xml")]
    [InlineData("http://[::ffff:127.0.0.1]/feed.xml")]
    public async Task Private_link_local_and_metadata_addresses_are_refused_before_connecting(string address)
    {
        var source = await factory.AddSourceAsync(new Uri(address));

        var outcome = await factory.PollAsync(source.Id);

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("Refused to fetch from", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await factory.SourceAsync(source.Id)).ConsecutiveFailures);
    }

    [Fact]
    public async Task A_source_without_a_default_section_is_not_fetched()
    {
        var source = await factory.AddSourceAsync(new Uri("http://10.0.0.1/feed.xml"));
        await factory.WithDbAsync(db => db.Sources.Where(s => s.Id == source.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DefaultSectionId, (int?)null)));

        var outcome = await factory.PollAsync(source.Id);

        Assert.Contains("default section and author", outcome.Error, StringComparison.Ordinal);
        var status = await factory.SourceAsync(source.Id);
        Assert.Equal(1, status.ConsecutiveFailures);
        Assert.Contains("default section and author", status.LastError, StringComparison.Ordinal);
        Assert.True(status.NextPollAt > factory.Clock.GetUtcNow().UtcDateTime);
    }
}

/// <summary>The address rules on their own.</summary>
[Trait("Database", "None")]
public sealed class OutboundAddressesTests
{
    [Theory]
    [InlineData("8.8.8.8", AddressKind.Public)]
    [InlineData("203.0.113.9", AddressKind.Public)]
    [InlineData("2606:4700::1111", AddressKind.Public)]
    [InlineData("127.0.0.1", AddressKind.Private)]
    [InlineData("127.8.9.10", AddressKind.Private)]
    [InlineData("10.1.2.3", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("172.32.0.1", AddressKind.Public)]
    [InlineData("192.168.0.1", AddressKind.Private)]
    [InlineData("100.64.0.1", AddressKind.Private)]
    [InlineData("100.128.0.1", AddressKind.Public)]
    [InlineData("::1", AddressKind.Private)]
    [InlineData("fc00::1", AddressKind.Private)]
    [InlineData("fd12:3456::1", AddressKind.Private)]
    [InlineData("169.254.169.254", AddressKind.Forbidden)]
    [InlineData("169.254.0.1", AddressKind.Forbidden)]
    [InlineData("fe80::1", AddressKind.Forbidden)]
    [InlineData("0.0.0.0", AddressKind.Forbidden)]
    [InlineData("::", AddressKind.Forbidden)]
    [InlineData("224.0.0.1", AddressKind.Forbidden)]
    [InlineData("ff02::1", AddressKind.Forbidden)]
    [InlineData("255.255.255.255", AddressKind.Forbidden)]
    [InlineData("::ffff:169.254.169.254", AddressKind.Forbidden)]
    [InlineData("::ffff:10.0.0.1", AddressKind.Private)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressKind.Forbidden)]
    [InlineData("2002:7f00:1::1", AddressKind.Private)]
    public void Each_address_is_judged_by_the_network_it_belongs_to(string address, AddressKind expected) =>
        Assert.Equal(expected, OutboundAddresses.Classify(IPAddress.Parse(address)));

    [Fact]
    public void Allowing_private_networks_never_allows_link_local_or_metadata_addresses()
    {
        Assert.True(OutboundAddresses.IsAllowed(IPAddress.Loopback, allowPrivateNetworks: true));
        Assert.False(OutboundAddresses.IsAllowed(IPAddress.Loopback, allowPrivateNetworks: false));
        Assert.False(OutboundAddresses.IsAllowed(IPAddress.Parse("169.254.169.254"), allowPrivateNetworks: true));
        Assert.False(OutboundAddresses.IsAllowed(IPAddress.Any, allowPrivateNetworks: true));
    }
}
