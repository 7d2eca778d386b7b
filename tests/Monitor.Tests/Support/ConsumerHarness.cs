using MassTransit;
using MassTransit.Serialization;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monitor.Worker.Alerts;
using Monitor.Worker.Evaluation;
using Monitor.Worker.Hosting;
using Monitor.Worker.History;
using Monitor.Worker.Inbound;
using Monitor.Worker.Placement;
using Monitor.Worker.Settings;
using Monitor.Worker.Targets;
using Monitor.Worker.Visits;

namespace Monitor.Tests.Support;

/// <summary>
/// The worker's inbound consumers on MassTransit's test harness (in-memory transport, no servers), registered as
/// <see cref="MessagingExtensions.AddMonitorMessaging"/> registers them: the same endpoint names and each with
/// <see cref="MonitorConsumerDefinition{TConsumer}"/>, so transient failures are retried and invalid events are not.
/// Raw JSON is read beside the envelope, as on RabbitMQ, through the same door, in the worker's wire format. The
/// stores are the in-memory ones; the clock stands at <see cref="Now"/> (10:00 on 15 June 2024 in Tianjin). The
/// integration suite runs the same paths over real RabbitMQ and PostgreSQL.
/// </summary>
internal sealed class ConsumerHarness : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2024, 6, 15, 2, 0, 0, TimeSpan.Zero);

    /// <summary>How long a spec waits for a message: less than the retries of a failing one take (0.2 + 1 + 5 + 15 s),
    /// so a fault seen in time comes from a message that was not retried.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Makes the harness's lists return what they hold now instead of waiting for more.</summary>
    private static readonly CancellationToken AtOnce = new(canceled: true);

    private readonly ServiceProvider provider;
    private readonly ITestHarness harness;

    private ConsumerHarness(ServiceProvider provider)
    {
        this.provider = provider;
        harness = provider.GetRequiredService<ITestHarness>();
    }

    public IVisitStore Visits => provider.GetRequiredService<IVisitStore>();

    public IPlacementStore Placement => provider.GetRequiredService<IPlacementStore>();

    public IHistoryStore History => provider.GetRequiredService<IHistoryStore>();

    public static Task<ConsumerHarness> StartAsync(params TargetDefinition[] targets) => StartAsync(new InMemoryHistoryStore(), targets);

    /// <summary>A harness whose evaluations write their history to <paramref name="history"/>.</summary>
    public static async Task<ConsumerHarness> StartAsync(IHistoryStore history, params TargetDefinition[] targets)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddSingleton(TestInstitutions.Catalog);
        services.AddSingleton(new TargetCatalog(targets));
        services.AddSingleton(Options.Create(new MonitorOptions()));
        services.AddSingleton<IVisitStore, InMemoryVisitStore>();
        services.AddSingleton<IPlacementStore, InMemoryPlacementStore>();
        services.AddSingleton<IAlertStore, InMemoryAlertStore>();
        services.AddSingleton(history);
        services.AddSingleton<ScopeReader>();
        services.AddSingleton<Evaluator>();
        services.AddSingleton<AlertRelay>();
        services.AddSingleton<EvaluationCoalescer>();
        services.AddLogging();

        // No probe: a failing in-memory store is never "unreachable", so the gate never holds events here.
        services.AddSingleton(sp => new StoreGate(null, sp.GetRequiredService<ILogger<StoreGate>>()));

        // Rejected events are logged as errors by MassTransit; the specs assert on what is published instead.
        services.AddMassTransitTestHarness(TextWriter.Null, x =>
        {
            x.SetTestTimeouts(testTimeout: Patience + TimeSpan.FromSeconds(5));
            x.SetEndpointNameFormatter(MessagingExtensions.EndpointNames);
            x.AddMonitorConsumers();
            x.UsingInMemory((context, cfg) =>
            {
                cfg.UseMonitorSerialization();
                cfg.ConfigureEndpoints(context);
            });
        });

        var monitor = new ConsumerHarness(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }));
        await monitor.harness.Start();
        return monitor;
    }

    /// <summary>Publishes the events one after another, each consumed (or faulted) before the next is published.</summary>
    public async Task PublishAsync<T>(params T[] messages)
        where T : class
    {
        foreach (var message in messages)
        {
            var messageId = NewId.NextGuid();
            await harness.Bus.Publish(message, c => c.MessageId = messageId, harness.CancellationToken);
            await UntilAsync(() => Consumed<T>(messageId).Count > 0, $"{typeof(T).Name} {messageId} is consumed");
        }
    }

    /// <summary>Sends <paramref name="body"/> as plain JSON (no envelope, no message type) to the consumer's queue.</summary>
    public async Task SendRawJsonAsync<TConsumer>(object body)
        where TConsumer : class, IConsumer
    {
        var endpoint = await harness.GetConsumerEndpoint<TConsumer>();
        await endpoint.Send(body, c => c.Serializer = new SystemTextJsonRawMessageSerializer(), harness.CancellationToken);
    }

    /// <summary>Waits until a message of type <typeparamref name="T"/> has been published, and returns those published so far.</summary>
    public async Task<List<T>> PublishedAsync<T>()
        where T : class
    {
        await UntilAsync(() => Published<T>().Count > 0, $"{typeof(T).Name} is published");
        return Published<T>();
    }

    /// <summary>The messages of type <typeparamref name="T"/> published so far.</summary>
    public List<T> Published<T>()
        where T : class =>
        [.. harness.Published.Select<T>(AtOnce).Select(p => p.Context.Message)];

    /// <summary>The messages of type <typeparamref name="T"/> consumed so far, each with the exception it faulted with, if any.</summary>
    public List<(T Message, Exception? Exception)> Consumed<T>()
        where T : class =>
        [.. harness.Consumed.Select<T>(AtOnce).Select(c => (c.Context.Message, (Exception?)c.Exception))];

    private List<IReceivedMessage<T>> Consumed<T>(Guid messageId)
        where T : class =>
        [.. harness.Consumed.Select<T>(c => c.Context.MessageId == messageId, AtOnce)];

    /// <summary>
    /// Polls instead of the harness's own waits: those end for good once the bus has been idle for its inactivity
    /// timeout, which a cold start can reach before the first publish.
    /// </summary>
    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {Patience.TotalSeconds} s: {what}");
            await Task.Delay(10);
        }
    }

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
