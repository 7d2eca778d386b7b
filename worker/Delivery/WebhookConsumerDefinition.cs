using MassTransit;

namespace Monitor.Worker.Delivery;

/// <summary>
/// One message at a time per worker (the robots allow about 20 posts a minute), retried with growing pauses that
/// outlast a rate limit; after the last retry the message moves to the endpoint's <c>_error</c> queue, where it can be
/// inspected and moved back.
/// </summary>
public sealed class WebhookConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public static readonly TimeSpan[] RetryIntervals =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5)];

    public WebhookConsumerDefinition() => ConcurrentMessageLimit = 1;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Intervals(RetryIntervals));
}
