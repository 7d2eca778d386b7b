using Microsoft.Extensions.Configuration;
using Monitor.Worker.Delivery;
using Monitor.Worker.Settings;

namespace Monitor.Tests.Delivery;

public class DeliveryOptionsSpecs
{
    private static DeliveryOptions Load(params (string Key, string Value)[] settings) =>
        DeliveryOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void When_there_are_no_webhooks_should_be_valid_and_deliver_nothing()
    {
        var options = Load();
        Assert.Empty(options.Webhooks);
        Assert.False(options.AnyAlerts || options.AnyDigests);
    }

    [Fact]
    public void When_an_entry_is_complete_should_read_it_with_its_defaults()
    {
        var options = Load(("Monitor:Webhooks:0:Name", "leaders"), ("Monitor:Webhooks:0:Kind", "DingTalk"), ("Monitor:Webhooks:0:Url", "https://oapi.dingtalk.com/robot/send?access_token=x"), ("Monitor:Webhooks:0:Secret", "SEC1"));

        var hook = Assert.Single(options.Webhooks);
        Assert.Equal((WebhookKind.DingTalk, true, true, Monitor.Messages.AlertSeverity.Info), (hook.Kind!.Value, hook.Alerts, hook.Digests, hook.MinimumSeverity));
        Assert.Equal(TimeSpan.FromSeconds(10), options.WebhookTimeout);
    }

    [Fact]
    public void When_entries_are_wrong_should_report_every_one_at_once_naming_its_key()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Load(
            ("Monitor:Webhooks:0:Name", "leaders"),
            ("Monitor:Webhooks:0:Kind", "WeCom"),
            ("Monitor:Webhooks:0:Url", "qyapi.weixin.qq.com/cgi-bin/webhook/send"),
            ("Monitor:Webhooks:0:Secret", "SEC1"),
            ("Monitor:Webhooks:1:Name", "LEADERS"),
            ("Monitor:Webhooks:1:Url", "https://oapi.dingtalk.com/robot/send?access_token=x"),
            ("Monitor:Webhooks:1:Alerts", "false"),
            ("Monitor:Webhooks:1:Digests", "false")));

        Assert.Contains("Monitor:Webhooks has 5 error(s)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:Webhooks:0:Url must be an absolute http(s) address", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:Webhooks:0:Secret is for DingTalk robots only", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:Webhooks:1:Name 'LEADERS' is used by another webhook", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:Webhooks:1:Kind is required: WeCom or DingTalk.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:Webhooks:1: Alerts and Digests are both false", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_value_cannot_be_converted_should_name_the_key_and_the_values_allowed_instead_of_dropping_the_webhook()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Load(("Monitor:Webhooks:0:Name", "x"), ("Monitor:Webhooks:0:Kind", "Slack"), ("Monitor:Webhooks:0:Url", "https://example.invalid/"), ("Monitor:Webhooks:1:Name", "y"), ("Monitor:Webhooks:1:Kind", "WeCom"), ("Monitor:Webhooks:1:Url", "https://example.invalid/"), ("Monitor:Webhooks:1:Alerts", "yes")));

        Assert.Contains("Monitor:Webhooks has 2 error(s)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:Webhooks:0 cannot be read: Failed to convert configuration value 'Slack' at 'Monitor:Webhooks:0:Kind'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Kind: WeCom | DingTalk", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:Webhooks:1 cannot be read: Failed to convert configuration value 'yes' at 'Monitor:Webhooks:1:Alerts'", ex.Message, StringComparison.Ordinal);
    }
}
