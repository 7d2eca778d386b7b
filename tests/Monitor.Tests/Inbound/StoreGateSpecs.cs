using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Worker.Inbound;
using NSubstitute;

namespace Monitor.Tests.Inbound;

public class StoreGateSpecs
{
    private readonly IStoreProbe probe = Substitute.For<IStoreProbe>();

    private StoreGate Gate() => new(probe, NullLogger<StoreGate>.Instance);

    [Fact]
    public async Task When_the_store_does_not_answer_should_hold_the_operation_until_it_answers_then_store_it()
    {
        var reachable = false;
        probe.IsReachableAsync(Arg.Any<CancellationToken>()).Returns(_ => Task.FromResult(reachable));
        using var gate = Gate();
        var attempts = 0;

        var stored = gate.RunAsync(
            _ => ++attempts == 1 ? throw new InvalidOperationException("connection refused") : Task.FromResult(42),
            CancellationToken.None);
        await Eventually(() => gate.Held == 1);

        Assert.False(gate.IsOpen);
        Assert.Equal("connection refused", gate.Outage!.Value.Reason);
        reachable = true;
        Assert.Equal(42, await stored.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(gate.IsOpen);
        Assert.Equal(0, gate.Held);
        probe.Received(1).Recovered();
    }

    [Fact]
    public async Task When_a_transient_failure_happens_while_the_store_answers_should_try_again_and_never_give_up_on_it()
    {
        probe.IsReachableAsync(Arg.Any<CancellationToken>()).Returns(true);
        probe.IsTransient(Arg.Any<Exception>()).Returns(true);
        using var gate = Gate();
        var attempts = 0;

        var result = await gate.RunAsync(_ => ++attempts < 4 ? throw new TimeoutException() : Task.FromResult("stored"), CancellationToken.None);

        Assert.Equal(("stored", 4), (result, attempts));
        Assert.True(gate.IsOpen);
    }

    [Fact]
    public async Task When_an_operation_fails_for_another_reason_while_the_store_answers_should_let_the_failure_through()
    {
        probe.IsReachableAsync(Arg.Any<CancellationToken>()).Returns(true);
        probe.IsTransient(Arg.Any<Exception>()).Returns(false);
        using var gate = Gate();

        await Assert.ThrowsAsync<FormatException>(() => gate.RunAsync<int>(_ => throw new FormatException(), CancellationToken.None));
        Assert.True(gate.IsOpen);
    }

    [Fact]
    public async Task When_an_event_is_invalid_should_never_probe_or_hold_it()
    {
        using var gate = Gate();

        await Assert.ThrowsAsync<InvalidEventException>(() => gate.RunAsync<int>(_ => throw new InvalidEventException("bad"), CancellationToken.None));
        await probe.DidNotReceive().IsReachableAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task When_the_worker_stops_while_an_event_is_held_should_give_it_back_unfinished()
    {
        probe.IsReachableAsync(Arg.Any<CancellationToken>()).Returns(false);
        using var gate = Gate();
        using var stopping = new CancellationTokenSource();

        var held = gate.RunAsync<int>(_ => throw new InvalidOperationException("down"), stopping.Token);
        await Eventually(() => gate.Held == 1);
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        Assert.Equal(0, gate.Held);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(20);
        }
    }
}
