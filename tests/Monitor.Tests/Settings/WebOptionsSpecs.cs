using Microsoft.Extensions.Configuration;
using Monitor.Worker.Settings;

namespace Monitor.Tests.Settings;

public sealed class WebOptionsSpecs
{
    [Fact]
    public void When_nothing_is_set_should_listen_on_this_machine_only()
    {
        var options = WebOptions.Read(Configuration(null));

        Assert.Equal(["http://127.0.0.1:5080"], options.Addresses);
    }

    [Fact]
    public void When_several_addresses_and_a_wildcard_are_set_should_keep_each_of_them()
    {
        var options = WebOptions.Read(Configuration("http://+:8080; http://127.0.0.1:0"));

        Assert.Equal(["http://+:8080", "http://127.0.0.1:0"], options.Addresses);
    }

    [Theory]
    [InlineData("127.0.0.1:5080")]
    [InlineData("ftp://127.0.0.1:5080")]
    [InlineData("http://127.0.0.1:5080/dashboard")]
    public void When_an_address_is_not_one_to_listen_on_should_refuse_it_naming_the_key_and_the_address(string urls)
    {
        var error = Assert.Throws<ConfigurationException>(() => WebOptions.Read(Configuration(urls)));

        Assert.Contains("Monitor:Web:Urls", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{urls}'", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string? urls) =>
        new ConfigurationBuilder().AddInMemoryCollection(urls is null ? [] : new Dictionary<string, string?> { ["Monitor:Web:Urls"] = urls }).Build();
}
