using Monitor.Worker.Delivery;

namespace Monitor.Tests.Delivery;

public sealed class InMemoryDeliveryStoreSpecs : IDisposable
{
    private static readonly Guid Message = Guid.Parse("3b9d0c1a-0000-4000-8000-000000000001");

    private readonly InMemoryDeliveryStore store = new(TimeProvider.System);

    [Fact]
    public async Task When_a_post_to_one_webhook_hangs_should_still_post_to_another_and_record_each_pair_once()
    {
        var hanging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = store.DeliverOnceAsync("bad", Message, "TargetStatusChanged", _ => hanging.Task, CancellationToken.None);

        var posted = await store.DeliverOnceAsync("good", Message, "TargetStatusChanged", _ => Task.CompletedTask, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        var again = await store.DeliverOnceAsync("good", Message, "TargetStatusChanged", _ => throw new InvalidOperationException("posted twice"), CancellationToken.None);

        Assert.True(posted);
        Assert.False(again);
        Assert.False(slow.IsCompleted);
        hanging.SetResult();
        Assert.True(await slow);
        Assert.Equal(["bad", "good"], (await store.GetDeliveriesAsync(Message, CancellationToken.None)).Select(d => d.Webhook));
    }

    public void Dispose() => store.Dispose();
}
