using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Messages;
using Monitor.Worker.Settings;

namespace Monitor.Worker.Inbound;

/// <summary>
/// Every inbound endpoint: the door (<see cref="CheckedDeserializer"/>: a body that cannot be read as the queue's message
/// type is refused with reasons, never retried), and a short retry for unexpected failures. Store outages and transient
/// store failures never reach this retry: <see cref="StoreGate"/> holds those events until they can be stored.
/// </summary>
public sealed class MonitorConsumerDefinition<TConsumer>(IOptions<MonitorOptions> options) : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        if (InboundMessageType() is { } messageType)
        {
            CheckedDeserializer.AddTo(endpointConfigurator, messageType, options.Value.MaxBodyBytes);
        }

        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<InvalidEventException>();
            r.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        });
    }

    /// <summary>The message type <typeparamref name="TConsumer"/> consumes, when it is one of Monitor's own contracts (not a MassTransit fault).</summary>
    private static Type? InboundMessageType() =>
        typeof(TConsumer).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0])
            .FirstOrDefault(t => t.Namespace == typeof(EventRejected).Namespace);
}
