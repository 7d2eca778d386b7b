using MassTransit;
using Monitor.Messages;

namespace Monitor.Worker.Delivery;

/// <summary>Posts each daily digest to one webhook, once (by DigestId: one per institution and day); one instance per webhook.</summary>
public sealed class WebhookDigestConsumer(WebhookOptions webhook, WebhookMarkdown markdown, WebhookDispatcher dispatcher) : IConsumer<DailyDigest>
{
    public Task Consume(ConsumeContext<DailyDigest> context)
    {
        var digest = context.Message;
        return dispatcher.DeliverAsync(webhook, digest.DigestId, nameof(DailyDigest), markdown.Digest(digest), context.CancellationToken);
    }
}
