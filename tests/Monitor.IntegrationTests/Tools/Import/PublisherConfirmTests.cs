using Monitor.IntegrationTests.Infrastructure;
using Monitor.Worker.Tools.Common;

namespace Monitor.IntegrationTests.Tools.Import;

/// <summary>
/// The import relies on publisher confirms: a message RabbitMQ refuses must fail the import, not pass as sent. A policy
/// that lets the queue hold no message and refuse new ones (overflow reject-publish) makes the broker nack every publish;
/// MassTransit does not complete a nacked send, so the import's publish time-out ends it. Without confirms the sends
/// would complete at once and the import would report 9 published.
/// </summary>
public sealed class PublisherConfirmTests
{
    [Fact]
    public async Task When_the_broker_refuses_messages_should_fail_the_import_and_not_count_them_as_published()
    {
        var path = CsvImportRunner.WriteCsv(ImportVisits.Csv);
        await using var virtualHost = await TestVirtualHost.CreateAsync();
        try
        {
            await virtualHost.SetQueuePolicyAsync("refuse-visits", "^monitor-enterprise-visit-recorded$", new Dictionary<string, object> { ["max-length"] = 0, ["overflow"] = "reject-publish" });

            var (exit, output) = await CsvImportRunner.RunAsync(virtualHost, "import", "visits", path, "--Monitor:PublishTimeout=00:00:05");

            Assert.Equal(ExitCodes.CannotStart, exit);
            Assert.Contains(output, l => l.EndsWith("sent to the worker: 0", StringComparison.Ordinal));
            Assert.Contains(output, l => l.StartsWith("Cannot import: RabbitMQ did not confirm the messages within 00:00:05", StringComparison.Ordinal));
            Assert.Contains($"0 of {ImportVisits.Visits} row(s) were sent to the worker (confirmed by RabbitMQ) before the import stopped. Importing the same file again is safe: every row keeps its id, and the worker stores each id once.", output);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
