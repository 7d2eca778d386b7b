using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Worker.Inbound;
using NSubstitute;
using RabbitMQ.Client;

namespace Monitor.Tests.Inbound;

public sealed class OrphanedDeliveriesSpecs : IDisposable
{
    private readonly OrphanedDeliveries deliveries = new(NullLogger<OrphanedDeliveries>.Instance);

    public void Dispose() => deliveries.Dispose();

    [Fact]
    public void When_the_connection_of_deliveries_in_progress_has_closed_should_give_up_those_deliveries_only()
    {
        var closed = Connection(open: true);
        var open = Connection(open: true);
        var cancelled = new List<string>();
        deliveries.Track("a", closed, () => cancelled.Add("a"));
        deliveries.Track("b", closed, () => cancelled.Add("b"));
        deliveries.Track("c", open, () => cancelled.Add("c"));

        Assert.Equal(0, deliveries.Sweep());
        closed.IsOpen.Returns(false);

        Assert.Equal(2, deliveries.Sweep());
        Assert.Equal(["a", "b"], cancelled.Order());
        Assert.Equal(1, deliveries.InProgress);
        Assert.Equal(0, deliveries.Sweep());
        Assert.Equal(2, cancelled.Count);
    }

    [Fact]
    public void When_a_delivery_was_acknowledged_before_its_connection_closed_should_leave_it_alone()
    {
        var connection = Connection(open: true);
        var cancelled = 0;
        deliveries.Track("a", connection, () => cancelled++);
        deliveries.Release("a");
        connection.IsOpen.Returns(false);

        Assert.Equal(0, deliveries.Sweep());
        Assert.Equal(0, cancelled);
        Assert.Equal(0, deliveries.InProgress);
    }

    [Fact]
    public void When_a_delivery_completes_while_it_is_given_up_should_count_it_as_done()
    {
        var connection = Connection(open: false);
        deliveries.Track("a", connection, () => throw new ObjectDisposedException("receive context"));

        Assert.Equal(0, deliveries.Sweep());
        Assert.Equal(0, deliveries.InProgress);
    }

    private static IConnection Connection(bool open)
    {
        var connection = Substitute.For<IConnection>();
        connection.IsOpen.Returns(open);
        return connection;
    }
}
