using MassTransit;
using Monitor.Messages;

namespace Monitor.Worker.Delivery;

/// <summary>Posts each alert of at least its minimum severity to one webhook, once (by AlertId); one instance per webhook.</summary>
public sealed class WebhookAlertConsumer(WebhookOptions webhook, WebhookMarkdown markdown, WebhookDispatcher dispatcher) : IConsumer<TargetStatusChanged>
{
    public Task Consume(ConsumeContext<TargetStatusChanged> context)
    {
        var alert = context.Message;
        return webhook.Wants(alert)
            ? dispatcher.DeliverAsync(webhook, alert.AlertId, nameof(TargetStatusChanged), markdown.Alert(alert), context.CancellationToken)
            : Task.CompletedTask;
    }
}
