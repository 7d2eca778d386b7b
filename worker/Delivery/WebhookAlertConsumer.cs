using MassTransit;
using Monitor.Messages;

namespace Monitor.Worker.Delivery;

/// <summary>Posts each alert to the webhooks that take alerts of its severity, once per webhook (by AlertId).</summary>
public sealed class WebhookAlertConsumer(DeliveryOptions options, WebhookMarkdown markdown, WebhookDispatcher dispatcher) : IConsumer<TargetStatusChanged>
{
    public Task Consume(ConsumeContext<TargetStatusChanged> context)
    {
        var alert = context.Message;
        return dispatcher.DeliverAsync(options.Webhooks.Where(w => w.Wants(alert)), alert.AlertId, nameof(TargetStatusChanged), markdown.Alert(alert), context.CancellationToken);
    }
}
