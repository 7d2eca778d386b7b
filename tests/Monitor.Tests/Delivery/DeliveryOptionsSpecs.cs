using Microsoft.Extensions.Configuration;
using Monitor.Tests.Support;
using Monitor.Worker.Delivery;
using Monitor.Worker.Settings;

namespace Monitor.Tests.Delivery;

public class DeliveryOptionsSpecs
{
    private static DeliveryOptions Load(params (string Key, string Value)[] settings) =>
        DeliveryOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(), TestInstitutions.Catalog);

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

        Assert.Contains("The robot settings (Monitor:Webhooks, Monitor:Notifications) have 5 error(s)", ex.Message, StringComparison.Ordinal);
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

        Assert.Contains("The robot settings (Monitor:Webhooks, Monitor:Notifications) have 2 error(s)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:Webhooks:0 cannot be read: Failed to convert configuration value 'Slack' at 'Monitor:Webhooks:0:Kind'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Kind: WeCom | DingTalk", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:Webhooks:1 cannot be read: Failed to convert configuration value 'yes' at 'Monitor:Webhooks:1:Alerts'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_nothing_is_set_should_group_for_30_seconds_and_keep_quiet_hours_from_22_00_to_08_00_and_at_weekends()
    {
        var options = Load(("Monitor:Webhooks:0:Name", "leaders"), ("Monitor:Webhooks:0:Kind", "WeCom"), ("Monitor:Webhooks:0:Url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x"));

        var notifications = options.Notifications;
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5)), (notifications.GroupWait, notifications.CheckEvery));
        Assert.Equal((true, new TimeOnly(22, 0), new TimeOnly(8, 0), true), (notifications.QuietHours.Enabled, notifications.QuietHours.From, notifications.QuietHours.Until, notifications.QuietHours.Weekends));
        var hook = Assert.Single(options.Webhooks);
        Assert.Equal(((string?)null, (string?)null, true), (hook.Institution, hook.Unit, hook.QuietHours));
    }

    [Fact]
    public void When_routes_quiet_hours_and_holidays_are_set_should_read_them()
    {
        var options = Load(
            ("Monitor:Notifications:GroupWait", "00:01:00"),
            ("Monitor:Notifications:QuietHours:From", "21:30"),
            ("Monitor:Notifications:QuietHours:Until", "07:45"),
            ("Monitor:Notifications:QuietHours:Holidays:0", "2024-10-01"),
            ("Monitor:Notifications:QuietHours:Holidays:1", "2024-10-02"),
            ("Monitor:Notifications:QuietHours:WorkingDays:0", "2024-10-12"),
            ("Monitor:Webhooks:0:Name", "dean-xn"),
            ("Monitor:Webhooks:0:Kind", "DingTalk"),
            ("Monitor:Webhooks:0:Url", "https://oapi.dingtalk.com/robot/send?access_token=x"),
            ("Monitor:Webhooks:0:Institution", "tjqg"),
            ("Monitor:Webhooks:0:Unit", "XN"),
            ("Monitor:Webhooks:0:QuietHours", "false"));

        var quiet = options.Notifications.QuietHours;
        Assert.Equal(TimeSpan.FromMinutes(1), options.Notifications.GroupWait);
        Assert.Equal((new TimeOnly(21, 30), new TimeOnly(7, 45)), (quiet.From, quiet.Until));
        Assert.Equal([new DateOnly(2024, 10, 1), new DateOnly(2024, 10, 2)], quiet.Holidays);
        Assert.Equal([new DateOnly(2024, 10, 12)], quiet.WorkingDays);
        var hook = Assert.Single(options.Webhooks);
        Assert.Equal(("tjqg", "XN", false), (hook.Institution, hook.Unit, hook.QuietHours));
    }

    [Fact]
    public void When_a_route_names_an_unknown_institution_or_unit_should_refuse_it_naming_the_key_and_the_choices()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Load(
            ("Monitor:Notifications:GroupWait", "00:20:00"),
            ("Monitor:Notifications:QuietHours:Holidays:0", "2024-10-12"),
            ("Monitor:Notifications:QuietHours:WorkingDays:0", "2024-10-12"),
            ("Monitor:Webhooks:0:Name", "a"), ("Monitor:Webhooks:0:Kind", "WeCom"), ("Monitor:Webhooks:0:Url", "https://example.invalid/"), ("Monitor:Webhooks:0:Institution", "nku"),
            ("Monitor:Webhooks:1:Name", "b"), ("Monitor:Webhooks:1:Kind", "WeCom"), ("Monitor:Webhooks:1:Url", "https://example.invalid/"), ("Monitor:Webhooks:1:Unit", "XN"),
            ("Monitor:Webhooks:2:Name", "c"), ("Monitor:Webhooks:2:Kind", "WeCom"), ("Monitor:Webhooks:2:Url", "https://example.invalid/"), ("Monitor:Webhooks:2:Institution", "tjqg"), ("Monitor:Webhooks:2:Unit", "QQ")));

        Assert.Contains("The robot settings (Monitor:Webhooks, Monitor:Notifications) have 5 error(s)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:Notifications:GroupWait must be between 00:00:00 and 00:10:00", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:Notifications:QuietHours lists 2024-10-12 both as a holiday and as a working day.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:Webhooks:0:Institution 'nku' is not a configured institution (tjqg).", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:Webhooks:1:Unit 'XN' needs Institution", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monitor:Webhooks:2:Unit 'QQ' is not a unit of tjqg (JX, DZ, RG, XN, CL, JG, YS, ZJ).", ex.Message, StringComparison.Ordinal);
    }
}
