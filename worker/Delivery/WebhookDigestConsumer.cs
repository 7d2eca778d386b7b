using MassTransit;
using Monitor.Messages;

namespace Monitor.Worker.Delivery;

/// <summary>Posts each daily digest to the webhooks that take digests, once per webhook (by DigestId: one per institution and day).</summary>
public sealed class WebhookDigestConsumer(DeliveryOptions options, WebhookMarkdown markdown, WebhookDispatcher dispatcher) : IConsumer<DailyDigest>
{
    public Task Consume(ConsumeContext<DailyDigest> context)
    {
        var digest = context.Message;
        return dispatcher.DeliverAsync(options.Webhooks.Where(w => w.Digests), digest.DigestId, nameof(DailyDigest), markdown.Digest(digest), context.CancellationToken);
    }
}
