using Monitor.Worker.Delivery;

namespace Monitor.Tests.Delivery;

public class WebhookEndpointsSpecs
{
    [Fact]
    public void When_webhooks_are_configured_should_give_each_its_own_alert_and_digest_queue_named_after_it()
    {
        Assert.Equal("monitor-webhook-leaders-wecom-alert", WebhookEndpoints.AlertQueue("leaders-wecom"));
        Assert.Equal("monitor-webhook-leaders-wecom-digest", WebhookEndpoints.DigestQueue("Leaders-WeCom"));
    }

    [Fact]
    public void When_a_name_cannot_be_held_by_a_queue_should_replace_and_hash_it_so_two_such_names_never_share_a_queue()
    {
        var first = WebhookEndpoints.AlertQueue("领导群");
        var second = WebhookEndpoints.AlertQueue("办公室群");

        Assert.Matches("^monitor-webhook-[a-z0-9._-]+-alert$", first);
        Assert.Matches("^monitor-webhook-[a-z0-9._-]+-alert$", second);
        Assert.NotEqual(first, second);
        Assert.NotEqual(WebhookEndpoints.AlertQueue("leaders wecom"), WebhookEndpoints.AlertQueue("leaders-wecom"));
    }
}
