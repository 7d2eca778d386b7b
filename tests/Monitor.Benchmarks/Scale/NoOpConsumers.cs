using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Messages;
using Monitor.Worker.Inbound;

namespace Monitor.Benchmarks.Scale;

/// <summary>
/// The broker's ceiling for a consumer: MassTransit on the same RabbitMQ, reading the same raw JSON with the worker's
/// serializer settings and prefetch, through consumers that do nothing. Queues of their own, not bound to the message
/// types' exchanges, so the worker's traffic never reaches them.
/// </summary>
public static class NoOpConsumers
{
    public const string VisitQueue = "scale-noop-visits";
    public const string GraduateQueue = "scale-noop-graduates";
    public const string ReportQueue = "scale-noop-reports";

    /// <summary>Starts the bus on the queues, which must already hold the messages; returns the rate once <paramref name="expected"/> were consumed.</summary>
    public static async Task<Rate> ConsumeAsync(ScaleOptions options, string virtualHost, int prefetch, long expected, CancellationToken cancellationToken)
    {
        var progress = new Progress(expected);
        await using var provider = Bus(options, virtualHost, prefetch, progress);
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync(cancellationToken);
        try
        {
            return await progress.Done.WaitAsync(TimeSpan.FromMinutes(30), cancellationToken);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Declares the queues as MassTransit declares them (the bus started and stopped once), so they can be filled before it consumes.</summary>
    public static async Task DeclareAsync(ScaleOptions options, string virtualHost, int prefetch, CancellationToken cancellationToken)
    {
        await using var provider = Bus(options, virtualHost, prefetch, new Progress(long.MaxValue));
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync(cancellationToken);
        await bus.StopAsync(cancellationToken);
    }

    private static ServiceProvider Bus(ScaleOptions options, string virtualHost, int prefetch, Progress progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        var services = new ServiceCollection();
        services.AddSingleton(progress);
        services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.AddConsumer<NoOp<EnterpriseVisitRecorded>>();
            x.AddConsumer<NoOp<GraduateRegistered>>();
            x.AddConsumer<NoOp<GraduateDestinationReported>>();
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(options.RabbitMqHost, (ushort)options.RabbitMqPort, virtualHost, h =>
                {
                    h.Username(options.RabbitMqUser);
                    h.Password(options.RabbitMqPass);
                });
                cfg.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: false);
                cfg.ConfigureJsonSerializerOptions(RequiredMembers.Apply);
                Endpoint<NoOp<EnterpriseVisitRecorded>>(cfg, context, VisitQueue, prefetch);
                Endpoint<NoOp<GraduateRegistered>>(cfg, context, GraduateQueue, prefetch);
                Endpoint<NoOp<GraduateDestinationReported>>(cfg, context, ReportQueue, prefetch);
            });
        });
        return services.BuildServiceProvider();
    }

    private static void Endpoint<TConsumer>(IRabbitMqBusFactoryConfigurator cfg, IBusRegistrationContext context, string queue, int prefetch)
        where TConsumer : class, IConsumer
    {
        cfg.ReceiveEndpoint(queue, e =>
        {
            e.ConfigureConsumeTopology = false;
            e.PrefetchCount = prefetch;
            e.ConfigureConsumer<TConsumer>(context);
        });
    }

    /// <summary>Counts, and nothing else.</summary>
    public sealed class NoOp<T>(Progress progress) : IConsumer<T>
        where T : class
    {
        public Task Consume(ConsumeContext<T> context)
        {
            progress.Hit();
            return Task.CompletedTask;
        }
    }

    /// <summary>Times the middle 90 % of the messages, so neither the start nor the tail weighs on the rate.</summary>
    public sealed class Progress(long expected)
    {
        private readonly TaskCompletionSource<Rate> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long count;
        private long at5;

        public Task<Rate> Done => done.Task;

        public void Hit()
        {
            var n = Interlocked.Increment(ref count);
            if (n == Math.Max(1, expected / 20))
            {
                Volatile.Write(ref at5, Stopwatch.GetTimestamp());
            }
            else if (n == expected - (expected / 20))
            {
                var elapsed = Stopwatch.GetElapsedTime(Volatile.Read(ref at5));
                done.TrySetResult(new Rate(n - Math.Max(1, expected / 20), elapsed));
            }
        }
    }
}

/// <summary>Events over the time they took.</summary>
public readonly record struct Rate(long Events, TimeSpan Elapsed)
{
    public double PerSecond => Elapsed > TimeSpan.Zero ? Events / Elapsed.TotalSeconds : 0;
}
