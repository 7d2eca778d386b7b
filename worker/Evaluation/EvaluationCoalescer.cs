using System.Collections.Concurrent;

namespace Monitor.Worker.Evaluation;

/// <summary>
/// Requests for an evaluation of the same scope (institution and target, either for all) collapse: while one runs, one
/// more may wait to start after it, and every request arriving while one waits is covered by that one — it starts after
/// them, so it sees every fact they could have asked about — and is acknowledged at once. A flood of requests costs at
/// most two evaluations in a row. (Each replica coalesces its own; different scopes are not merged.)
/// </summary>
public sealed class EvaluationCoalescer
{
    private readonly ConcurrentDictionary<(string, string), Slot> slots = new();

    /// <summary>Runs <paramref name="evaluate"/> for the scope, or returns false at once when a waiting evaluation already covers this request.</summary>
    public async Task<bool> RunAsync(string? institutionId, string? targetId, Func<CancellationToken, Task> evaluate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        var slot = slots.GetOrAdd((institutionId ?? "*", targetId ?? "*"), _ => new Slot());
        Task previous;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (slot)
        {
            if (slot.Waiting)
            {
                return false;
            }

            slot.Waiting = true;
            previous = slot.Last;
            slot.Last = done.Task;
        }

        try
        {
            await previous.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (slot)
            {
                slot.Waiting = false;
            }

            // Whoever queues next still waits for the evaluation that runs now.
            _ = previous.ContinueWith(_ => done.SetResult(), TaskScheduler.Default);
            throw;
        }

        try
        {
            lock (slot)
            {
                slot.Waiting = false;
            }

            await evaluate(cancellationToken);
            return true;
        }
        finally
        {
            done.SetResult();
        }
    }

    private sealed class Slot
    {
        public Task Last { get; set; } = Task.CompletedTask;

        public bool Waiting { get; set; }
    }
}
