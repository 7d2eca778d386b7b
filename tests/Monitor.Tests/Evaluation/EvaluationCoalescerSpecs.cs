using Monitor.Worker.Evaluation;

namespace Monitor.Tests.Evaluation;

public class EvaluationCoalescerSpecs
{
    [Fact]
    public async Task When_300_requests_arrive_during_an_evaluation_should_run_two_evaluations_in_all()
    {
        var coalescer = new EvaluationCoalescer();
        var running = new TaskCompletionSource();
        var runs = 0;
        async Task Evaluate(CancellationToken ct)
        {
            if (Interlocked.Increment(ref runs) == 1)
            {
                await running.Task;
            }
        }

        var first = coalescer.RunAsync("tjqg", null, Evaluate, CancellationToken.None);
        var queued = coalescer.RunAsync("tjqg", null, Evaluate, CancellationToken.None);
        var covered = await Task.WhenAll(Enumerable.Range(0, 298).Select(_ => coalescer.RunAsync("tjqg", null, Evaluate, CancellationToken.None)));
        running.SetResult();

        Assert.All(covered, ran => Assert.False(ran));
        Assert.True(await first);
        Assert.True(await queued);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task When_requests_name_different_scopes_should_evaluate_each()
    {
        var coalescer = new EvaluationCoalescer();
        var gate = new TaskCompletionSource();
        var scopes = new List<string>();
        Func<CancellationToken, Task> Evaluate(string scope) => async _ =>
        {
            lock (scopes)
            {
                scopes.Add(scope);
            }

            await gate.Task;
        };

        var a = coalescer.RunAsync("tjqg", "placement-2024", Evaluate("placement"), CancellationToken.None);
        var b = coalescer.RunAsync("tjqg", "unit-visits-2024", Evaluate("visits"), CancellationToken.None);
        gate.SetResult();

        var ran = await Task.WhenAll(a, b);
        Assert.Equal([true, true], ran);
        Assert.Equal(["placement", "visits"], scopes.Order());
    }

    [Fact]
    public async Task When_a_request_arrives_after_the_evaluations_finished_should_run_again()
    {
        var coalescer = new EvaluationCoalescer();
        var runs = 0;

        await coalescer.RunAsync(null, null, _ => Task.FromResult(Interlocked.Increment(ref runs)), CancellationToken.None);
        var again = await coalescer.RunAsync(null, null, _ => Task.FromResult(Interlocked.Increment(ref runs)), CancellationToken.None);

        Assert.True(again);
        Assert.Equal(2, runs);
    }
}
