using Microsoft.Extensions.Configuration;
using Monitor.Worker.Settings;
using Monitor.Worker.Web;

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

    [Fact]
    public void When_nothing_is_set_for_access_should_make_no_links_keep_links_two_weeks_and_have_no_accounts()
    {
        var options = WebOptions.Read(Configuration(null));

        Assert.Null(options.PublicBase);
        Assert.Null(options.SigningKeyBytes);
        Assert.Equal(TimeSpan.FromDays(14), options.LinkLifetime);
        Assert.Empty(options.Users);
    }

    [Fact]
    public void When_access_is_configured_should_read_the_public_address_the_key_and_the_accounts()
    {
        var options = WebOptions.Read(Settings(new()
        {
            ["Monitor:Web:PublicUrl"] = "https://jy.example.edu.cn/monitor/",
            ["Monitor:Web:SigningKey"] = Convert.ToBase64String(new byte[48]),
            ["Monitor:Web:LinkLifetime"] = "7.00:00:00",
            ["Monitor:Web:Users:0:Name"] = "office",
            ["Monitor:Web:Users:0:PasswordHash"] = LoginEndpoints.Hash("correct horse battery"),
        }));

        Assert.Equal(new Uri("https://jy.example.edu.cn/monitor"), options.PublicBase);
        Assert.Equal(48, options.SigningKeyBytes!.Length);
        Assert.Equal(TimeSpan.FromDays(7), options.LinkLifetime);
        Assert.True(LoginEndpoints.Verify(Assert.Single(options.Users), "correct horse battery"));
    }

    [Theory]
    [InlineData("Monitor:Web:PublicUrl", "jy.example.edu.cn/monitor", "Monitor:Web:PublicUrl has 'jy.example.edu.cn/monitor', which is not a web address")]
    [InlineData("Monitor:Web:PublicUrl", "https://jy.example.edu.cn/monitor?x=1", "Monitor:Web:PublicUrl has")]
    [InlineData("Monitor:Web:SigningKey", "c2hvcnQ=", "Monitor:Web:SigningKey must be at least 32 bytes in base64")]
    [InlineData("Monitor:Web:SigningKey", "not base64 at all!", "Monitor:Web:SigningKey must be at least 32 bytes in base64")]
    [InlineData("Monitor:Web:LinkLifetime", "00:01:00", "Monitor:Web:LinkLifetime must be between 00:05:00 and 366.00:00:00")]
    [InlineData("Monitor:Web:LinkLifetime", "two weeks", "The Monitor:Web settings cannot be read")]
    [InlineData("Monitor:Web:Users:0:PasswordHash", "correct horse battery", "Monitor:Web:Users:0:PasswordHash of 'office' is not a password hash: make one with `Monitor.Worker web-password`")]
    [InlineData("Monitor:Web:Users:0:Name", "", "Monitor:Web:Users:0:Name is empty")]
    [InlineData("Monitor:Web:Users:1:Name", "OFFICE", "Monitor:Web:Users:1:Name 'OFFICE' is given twice")]
    public void When_an_access_setting_is_wrong_should_refuse_it_naming_the_key_and_the_fix(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Monitor:Web:Users:0:Name"] = "office",
            ["Monitor:Web:Users:0:PasswordHash"] = LoginEndpoints.Hash("correct horse battery"),
        };
        if (key.StartsWith("Monitor:Web:Users:1", StringComparison.Ordinal))
        {
            settings["Monitor:Web:Users:1:PasswordHash"] = LoginEndpoints.Hash("another password");
        }

        settings[key] = value;

        var error = Assert.Throws<ConfigurationException>(() => WebOptions.Read(Settings(settings)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(Dictionary<string, string?> settings) => new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static IConfiguration Configuration(string? urls) =>
        new ConfigurationBuilder().AddInMemoryCollection(urls is null ? [] : new Dictionary<string, string?> { ["Monitor:Web:Urls"] = urls }).Build();
}
