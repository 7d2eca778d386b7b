using Microsoft.Extensions.Logging;
using Monitor.Worker.Inbound;
using NSubstitute;
using NSubstitute.Core;

namespace Monitor.Tests.Inbound;

public sealed class ExpectedRejectionLoggerProviderSpecs : IDisposable
{
    private readonly ILogger inner = Substitute.For<ILogger>();
    private readonly ExpectedRejectionLoggerProvider provider;

    public ExpectedRejectionLoggerProviderSpecs()
    {
        var console = Substitute.For<ILoggerProvider>();
        console.CreateLogger(Arg.Any<string>()).Returns(inner);
        provider = new ExpectedRejectionLoggerProvider(console);
    }

    public void Dispose() => provider.Dispose();

    [Fact]
    public void When_MassTransit_logs_its_error_for_an_invalid_event_should_drop_it()
    {
        var logger = provider.CreateLogger("MassTransit.ReceiveTransport");

        logger.Log(LogLevel.Error, default, "R-FAULT", new InvalidEventException("EnterpriseVisitRecorded v1: unitCode: 'XX' is not a unit of tjqg"), (s, _) => s);

        Assert.DoesNotContain(inner.ReceivedCalls(), IsLog);
    }

    [Fact]
    public void When_a_real_fault_is_logged_should_still_log_it_as_an_error()
    {
        var logger = provider.CreateLogger("MassTransit.ReceiveTransport");
        var fault = new InvalidOperationException("connection reset");

        logger.Log(LogLevel.Error, default, "R-FAULT", fault, (s, _) => s);

        var call = Assert.Single(inner.ReceivedCalls(), IsLog);
        Assert.Equal(LogLevel.Error, call.GetArguments()[0]);
        Assert.Same(fault, call.GetArguments()[3]);
    }

    [Fact]
    public void When_another_category_logs_should_not_filter_it()
    {
        var logger = provider.CreateLogger("Monitor.Worker.Visits.EnterpriseVisitRecordedConsumer");
        var rejection = new InvalidEventException("x");

        logger.Log(LogLevel.Warning, default, "logged by the worker itself", rejection, (s, _) => s);

        var call = Assert.Single(inner.ReceivedCalls(), IsLog);
        Assert.Same(rejection, call.GetArguments()[3]);
    }

    private static bool IsLog(ICall call) => call.GetMethodInfo().Name == nameof(ILogger.Log);
}
