using System.Collections.Concurrent;
using Monitor.Worker.Storage;

namespace Monitor.Tests.Storage;

/// <summary>
/// Items submitted one at a time by concurrent callers are written together, and each caller gets its own item's
/// result: a batch's failure reaches its own callers only, and a caller that stops waiting never stops the others.
/// </summary>
public sealed class GroupCommitSpecs
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task When_many_callers_submit_while_a_write_runs_should_write_them_in_batches_of_at_most_the_batch_size_each_with_its_own_result()
    {
        var writes = new ConcurrentQueue<IReadOnlyList<int>>();
        var firstWriteMayFinish = new TaskCompletionSource();
        await using var commit = new GroupCommit<int, string>(
            async (items, _) =>
            {
                writes.Enqueue(items);
                if (writes.Count == 1)
                {
                    await firstWriteMayFinish.Task;
                }

                return [.. items.Select(i => $"stored {i}")];
            },
            batchSize: 10,
            timeLimit: TimeSpan.Zero,
            concurrentWrites: 1);

        var first = commit.SubmitAsync(0, CancellationToken.None);
        await WaitUntilAsync(() => !writes.IsEmpty);
        var rest = Enumerable.Range(1, 25).Select(i => commit.SubmitAsync(i, CancellationToken.None)).ToList();
        firstWriteMayFinish.SetResult();
        var results = await Task.WhenAll(rest.Prepend(first)).WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(0, 26).Select(i => $"stored {i}"), results);
        Assert.Equal([1, 10, 10, 5], writes.Select(w => w.Count));
        Assert.Equal(Enumerable.Range(0, 26), writes.SelectMany(w => w));
    }

    [Fact]
    public async Task When_a_batch_write_fails_should_fail_the_callers_of_that_batch_only()
    {
        var writes = 0;
        await using var commit = new GroupCommit<int, int>(
            (items, _) => Interlocked.Increment(ref writes) == 1
                ? Task.FromException<IReadOnlyList<int>>(new TimeoutException("the database did not answer"))
                : Task.FromResult<IReadOnlyList<int>>([.. items]),
            batchSize: 10,
            timeLimit: TimeSpan.Zero,
            concurrentWrites: 1);

        var failed = await Assert.ThrowsAsync<TimeoutException>(() => commit.SubmitAsync(1, CancellationToken.None).WaitAsync(Patience));
        var later = await commit.SubmitAsync(2, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal("the database did not answer", failed.Message);
        Assert.Equal(2, later);
    }

    [Fact]
    public async Task When_a_caller_stops_waiting_should_still_write_its_item_and_answer_the_others()
    {
        var written = new ConcurrentBag<int>();
        var mayWrite = new TaskCompletionSource();
        await using var commit = new GroupCommit<int, int>(
            async (items, _) =>
            {
                await mayWrite.Task;
                foreach (var item in items)
                {
                    written.Add(item);
                }

                return [.. items];
            },
            batchSize: 10,
            timeLimit: TimeSpan.Zero,
            concurrentWrites: 1);
        using var impatient = new CancellationTokenSource();

        var cancelled = commit.SubmitAsync(1, impatient.Token);
        var patient = commit.SubmitAsync(2, CancellationToken.None);
        await impatient.CancelAsync();
        mayWrite.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(2, await patient.WaitAsync(Patience));
        await WaitUntilAsync(() => written.Count == 2);
        Assert.Equal([1, 2], written.Order());
    }

    [Fact]
    public async Task When_fewer_than_a_batch_are_waiting_and_a_time_limit_is_set_should_wait_for_more_before_writing()
    {
        var writes = new ConcurrentQueue<IReadOnlyList<int>>();
        await using var commit = new GroupCommit<int, int>(
            (items, _) =>
            {
                writes.Enqueue(items);
                return Task.FromResult<IReadOnlyList<int>>([.. items]);
            },
            batchSize: 3,
            timeLimit: TimeSpan.FromSeconds(2),
            concurrentWrites: 1);

        var first = commit.SubmitAsync(1, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        var second = commit.SubmitAsync(2, CancellationToken.None);
        var third = commit.SubmitAsync(3, CancellationToken.None);

        var results = await Task.WhenAll(first, second, third).WaitAsync(Patience);

        Assert.Equal([1, 2, 3], results);
        Assert.Equal([3], writes.Select(w => w.Count));
    }

    [Fact]
    public async Task When_disposed_should_write_what_is_waiting_and_refuse_anything_after()
    {
        var mayWrite = new TaskCompletionSource();
        var commit = new GroupCommit<int, int>(
            async (items, _) =>
            {
                await mayWrite.Task;
                return [.. items];
            },
            batchSize: 10,
            timeLimit: TimeSpan.Zero,
            concurrentWrites: 2);
        var waiting = Enumerable.Range(1, 5).Select(i => commit.SubmitAsync(i, CancellationToken.None)).ToList();

        var disposed = commit.DisposeAsync().AsTask();
        mayWrite.SetResult();
        await disposed.WaitAsync(Patience);

        var results = await Task.WhenAll(waiting);

        Assert.Equal([1, 2, 3, 4, 5], results);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => commit.SubmitAsync(6, CancellationToken.None));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Patience, "the condition did not come true in time");
            await Task.Delay(5);
        }
    }
}
