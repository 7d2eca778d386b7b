using System.Net;
using Monitor.Worker.Web;

namespace Monitor.Tests.Web;

public sealed class ScrapeGateSpecs
{
    private const string Token = "a2f9c1e07b3d48e6a1f0c9d2";

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void When_a_request_comes_from_this_machine_should_let_it_in_without_a_token(string address)
    {
        Assert.Equal(200, ScrapeGate.Decide(IPAddress.Parse(address), false, null, null));
        Assert.Equal(200, ScrapeGate.Decide(IPAddress.Parse(address), false, null, Token));
    }

    [Theory]
    [InlineData("10.20.30.40")]
    [InlineData("192.168.1.5")]
    [InlineData("fe80::1")]
    public void When_no_token_is_set_should_refuse_every_other_machine_even_with_an_authorization_header(string address)
    {
        Assert.Equal(403, ScrapeGate.Decide(IPAddress.Parse(address), false, null, null));
        Assert.Equal(403, ScrapeGate.Decide(IPAddress.Parse(address), false, $"Bearer {Token}", null));
    }

    [Fact]
    public void When_a_token_is_set_should_let_another_machine_in_with_it_and_ask_for_it_otherwise()
    {
        var remote = IPAddress.Parse("10.20.30.40");

        Assert.Equal(200, ScrapeGate.Decide(remote, false, $"Bearer {Token}", Token));
        Assert.Equal(200, ScrapeGate.Decide(remote, false, $"bearer {Token}", Token));
        Assert.Equal(401, ScrapeGate.Decide(remote, false, null, Token));
        Assert.Equal(401, ScrapeGate.Decide(remote, false, $"Bearer {Token}x", Token));
        Assert.Equal(401, ScrapeGate.Decide(remote, false, $"Basic {Token}", Token));
    }

    [Fact]
    public void When_a_local_proxy_forwards_a_request_should_treat_it_as_from_another_machine()
    {
        Assert.Equal(403, ScrapeGate.Decide(IPAddress.Loopback, true, null, null));
        Assert.Equal(401, ScrapeGate.Decide(IPAddress.Loopback, true, null, Token));
        Assert.Equal(200, ScrapeGate.Decide(IPAddress.Loopback, true, $"Bearer {Token}", Token));
    }

    [Fact]
    public void When_the_address_is_unknown_should_not_take_the_request_as_local()
    {
        Assert.Equal(403, ScrapeGate.Decide(null, false, null, null));
    }
}
