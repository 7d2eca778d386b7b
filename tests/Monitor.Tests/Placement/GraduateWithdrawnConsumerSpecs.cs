using MassTransit;
using Monitor.Messages;
using Monitor.Tests.Support;

namespace Monitor.Tests.Placement;

/// <summary>GraduateWithdrawn through its consumer on MassTransit's test harness.</summary>
public sealed class GraduateWithdrawnConsumerSpecs
{
    private static readonly GraduateRegistered Graduate = new("tjqg", 2024, "2024JX0001", "JX", null, []);

    private static readonly GraduateWithdrawn Withdrawal = new("tjqg", 2024, "2024JX0001", "退学");

    [Fact]
    public async Task When_a_registered_graduate_is_withdrawn_should_take_them_out_of_the_denominator()
    {
        await using var monitor = await ConsumerHarness.StartAsync();
        await monitor.PublishAsync(Graduate);

        await monitor.PublishAsync(Withdrawal);

        Assert.Null(Assert.Single(monitor.Consumed<GraduateWithdrawn>()).Exception);
        Assert.Equal(["2024JX0001"], (await monitor.Placement.GetCohortAsync("tjqg", 2024, CancellationToken.None)).WithdrawnGraduateIds);
        Assert.Empty(monitor.Published<EventRejected>());
    }

    [Fact]
    public async Task When_a_withdrawal_comes_again_with_another_reason_should_publish_EventRejected_and_keep_the_first()
    {
        await using var monitor = await ConsumerHarness.StartAsync();

        await monitor.PublishAsync(Withdrawal, Withdrawal, Withdrawal with { Reason = "入伍" });

        Assert.Single(await monitor.PublishedAsync<Fault<GraduateWithdrawn>>());
        var rejected = Assert.Single(monitor.Published<EventRejected>());
        Assert.Equal(["graduateId: '2024JX0001' was withdrawn before with another reason; the first is kept (a withdrawal made in error is undone with GraduateReinstated)"], rejected.Errors);
        Assert.Equal(2, monitor.Consumed<GraduateWithdrawn>().Count(c => c.Exception is null));
        Assert.Equal(["2024JX0001"], (await monitor.Placement.GetCohortAsync("tjqg", 2024, CancellationToken.None)).WithdrawnGraduateIds);
    }
}
