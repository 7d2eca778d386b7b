using System.Diagnostics;
using System.Diagnostics.Metrics;
using Monitor.Worker.Telemetry;

namespace Monitor.Worker.Inbound;

/// <summary>
/// Where inbound events wait while they cannot be stored. An event whose store operation fails while the store does
/// not answer is held (its message stays unacknowledged, so RabbitMQ delivers no more than the prefetch count to this
/// worker): the gate closes, a probe asks the store again after 1, 2, 4 … up to 15 seconds, and when it answers every
/// held event is stored and consuming resumes by itself. A transient failure while the store answers (a serialization
/// failure, a deadlock, a time-out) is tried again after a growing delay. Neither ever ends in an error queue, however
/// long it lasts; any other failure is left to the endpoint's retry and then its error queue.
/// </summary>
public sealed partial class StoreGate : IDisposable
{
    private static readonly TimeSpan[] ProbeDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15)];
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly IStoreProbe? probe;
    private readonly ILogger<StoreGate> logger;
    private readonly Meter meter;
    private readonly Lock sync = new();
    private readonly CancellationTokenSource stopping = new();
    private TaskCompletionSource? reopened;
    private Task<bool>? probing;
    private long closedAt;
    private string? reason;
    private int held;

    /// <param name="probe">The store's probe; null for the in-memory store, which is never unreachable.</param>
    public StoreGate(IStoreProbe? probe, ILogger<StoreGate> logger, IMeterFactory? meters = null)
    {
        this.probe = probe;
        this.logger = logger;
        meter = meters?.Create(MonitorMetrics.MeterName) ?? new Meter(MonitorMetrics.MeterName);
        meter.CreateObservableGauge("monitor.inbound.held", () => Held, "{event}", "Inbound events held because they cannot be stored");
        meter.CreateObservableGauge("monitor.inbound.paused", () => IsOpen ? 0 : 1, null, "1 while inbound events cannot be stored");
    }

    /// <summary>Events held now, waiting until they can be stored.</summary>
    public int Held => Volatile.Read(ref held);

    public bool IsOpen
    {
        get
        {
            lock (sync)
            {
                return reopened is null;
            }
        }
    }

    /// <summary>Why events cannot be stored and for how long, or null while they can.</summary>
    public (string Reason, TimeSpan For)? Outage
    {
        get
        {
            lock (sync)
            {
                return reopened is null ? null : (reason ?? "the store does not answer", Stopwatch.GetElapsedTime(closedAt));
            }
        }
    }

    /// <summary>Runs a store operation, holding it through outages and transient failures as described above.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        for (var attempt = 1; ; attempt++)
        {
            await WaitWhileClosedAsync(cancellationToken);
            try
            {
                return await operation(cancellationToken);
            }
            catch (Exception ex) when (probe is not null && ex is not (OperationCanceledException or InvalidEventException) && !cancellationToken.IsCancellationRequested)
            {
                if (!await ReachableAsync())
                {
                    Close(ex);
                    continue;
                }

                if (!probe.IsTransient(ex))
                {
                    throw;
                }

                LogTransient(logger, attempt, ex.Message);
                await Task.Delay(RetryDelay(attempt), cancellationToken);
            }
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
        meter.Dispose();
    }

    private static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxRetryDelay.TotalMilliseconds, 200 * Math.Pow(2, Math.Min(attempt - 1, 10))));

    private async Task WaitWhileClosedAsync(CancellationToken cancellationToken)
    {
        Task? wait;
        lock (sync)
        {
            wait = reopened?.Task;
        }

        if (wait is null)
        {
            return;
        }

        Interlocked.Increment(ref held);
        try
        {
            await wait.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref held);
        }
    }

    /// <summary>One probe at a time, shared by every caller that asks while it runs.</summary>
    private Task<bool> ReachableAsync()
    {
        lock (sync)
        {
            if (reopened is not null)
            {
                return Task.FromResult(false);
            }

            if (probing is null || probing.IsCompleted)
            {
                probing = probe!.IsReachableAsync(stopping.Token);
            }

            return probing;
        }
    }

    private void Close(Exception cause)
    {
        lock (sync)
        {
            if (reopened is not null)
            {
                return;
            }

            reopened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            closedAt = Stopwatch.GetTimestamp();
            reason = cause.GetBaseException().Message;
        }

        LogClosed(logger, reason);
        _ = Task.Run(ProbeUntilReachableAsync);
    }

    private async Task ProbeUntilReachableAsync()
    {
        var lastReport = Stopwatch.GetTimestamp();
        for (var attempt = 0; !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(ProbeDelays[Math.Min(attempt, ProbeDelays.Length - 1)], stopping.Token);
                if (await probe!.IsReachableAsync(stopping.Token))
                {
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(lastReport) >= TimeSpan.FromSeconds(30))
            {
                lastReport = Stopwatch.GetTimestamp();
                var elapsed = Stopwatch.GetElapsedTime(closedAt);
                LogStillClosed(logger, elapsed, Held);
            }
        }

        probe!.Recovered();
        TaskCompletionSource? open;
        lock (sync)
        {
            open = reopened;
            reopened = null;
            reason = null;
        }

        var outage = Stopwatch.GetElapsedTime(closedAt);
        LogReopened(logger, outage, Held);
        open?.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound events cannot be stored ({Reason}): they are held, and no more are taken, until the store answers")]
    private static partial void LogClosed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound events still cannot be stored after {Elapsed}: {Held} held by this worker, the rest wait in their queues")]
    private static partial void LogStillClosed(ILogger logger, TimeSpan elapsed, int held);

    [LoggerMessage(Level = LogLevel.Information, Message = "The store answers again after {Elapsed}: {Held} held events are being stored")]
    private static partial void LogReopened(ILogger logger, TimeSpan elapsed, int held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A store operation failed transiently (attempt {Attempt}), trying it again: {Reason}")]
    private static partial void LogTransient(ILogger logger, int attempt, string reason);
}
