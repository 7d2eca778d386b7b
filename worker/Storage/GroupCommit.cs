using System.Threading.Channels;

namespace Monitor.Worker.Storage;

/// <summary>
/// Writes that callers make one at a time, carried out together: each caller submits one item and awaits its own
/// result, while a writer takes every item waiting (up to a batch) and writes them with one call. While a batch is being
/// written the next one gathers, so batches grow with the load and an idle store writes a lone item at once. A failed
/// write fails the callers of that batch only, each of which may try again on its own.
/// </summary>
/// <remarks>
/// MassTransit's own batch consumers (<c>IConsumer&lt;Batch&lt;T&gt;&gt;</c>) complete or fault every message of a batch
/// together; here each message keeps its consumer, its outcome, its retries and its error queue entry to itself.
/// </remarks>
public sealed class GroupCommit<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> waiting = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> write;
    private readonly int batchSize;
    private readonly TimeSpan timeLimit;
    private readonly Task[] writers;

    /// <param name="write">Writes a batch; returns one result per item, in the items' order.</param>
    /// <param name="batchSize">The most items one write takes.</param>
    /// <param name="timeLimit">How long a write waits for more items when fewer than a batch are waiting (zero: not at all).</param>
    /// <param name="concurrentWrites">Batches written at the same time.</param>
    public GroupCommit(Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> write, int batchSize, TimeSpan timeLimit, int concurrentWrites)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrentWrites, 1);
        this.write = write;
        this.batchSize = batchSize;
        this.timeLimit = timeLimit;
        writers = [.. Enumerable.Range(0, concurrentWrites).Select(_ => Task.Run(WriteAsync))];
    }

    /// <summary>
    /// The item's result once its batch is written. Cancelling stops the wait, not the write: an item already taken is
    /// written with its batch (a caller that tries again finds it stored).
    /// </summary>
    public Task<TResult> SubmitAsync(TItem item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item);
        if (!waiting.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommit<TItem, TResult>), "The store is shutting down.");
        }

        return pending.Result.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Takes no more items, writes those waiting, and returns when every writer is done.</summary>
    public async ValueTask DisposeAsync()
    {
        waiting.Writer.TryComplete();
        await Task.WhenAll(writers);
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(batchSize);
        while (await waiting.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < batchSize && waiting.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count < batchSize && timeLimit > TimeSpan.Zero)
            {
                await GatherAsync(batch);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var results = await write([.. batch.Select(p => p.Item)], CancellationToken.None);
                if (results.Count != batch.Count)
                {
                    throw new InvalidOperationException($"A batch write returned {results.Count} results for {batch.Count} items.");
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Result.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>Adds items as they arrive until the batch is full or the time limit has passed.</summary>
    private async Task GatherAsync(List<Pending> batch)
    {
        using var limit = new CancellationTokenSource(timeLimit);
        try
        {
            while (batch.Count < batchSize)
            {
                if (waiting.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }
                else if (!await waiting.Reader.WaitToReadAsync(limit.Token))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
        }
    }

    private sealed class Pending(TItem item)
    {
        public TItem Item { get; } = item;

        public TaskCompletionSource<TResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
