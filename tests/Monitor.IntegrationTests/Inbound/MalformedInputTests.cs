using System.Diagnostics;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;

namespace Monitor.IntegrationTests.Inbound;

/// <summary>
/// Malformed input at the door, published raw as any AMQP producer could, each between two valid visits: every one is
/// refused once with a reason a producer can act on, quickly and without a retry; nothing of it is stored and the
/// neighbours are counted. The table holds the kinds of bad input measured against the worker: wrong kinds, missing
/// members, unknown and numeric enums, impossible and out-of-range dates, control characters, broken UTF-8 and
/// surrogates, oversized values and bodies, SQL- and markup-looking text in coded fields, emoji and right-to-left text,
/// conflicting duplicates.
/// </summary>
public sealed class MalformedInputTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    // Refused at once, not after the retries: those wait 200 ms, 1 s and 5 s, so a rejection that went through them
    // takes at least 6.2 s. The margin is for a busy machine (1.05 s was seen at a load average of 10).
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(3);

    private readonly string run = Guid.NewGuid().ToString("N")[..8];
    private int neighbour;

    [Fact]
    public async Task When_malformed_input_arrives_between_valid_events_should_reject_each_once_promptly_with_a_reason_and_count_the_neighbours()
    {
        var cases = MalformedInputs.Cases(run);
        Assert.True(cases.Count >= 80, $"{cases.Count} cases");
        foreach (var setup in cases.SelectMany(c => c.Setup))
        {
            await env.Broker.PublishBytesAsync(setup.Exchange, setup.Body, "application/json");
        }

        await Eventually.UntilAsync(() => env.CountAsync($"SELECT (SELECT count(*) FROM visits WHERE visit_id LIKE 'first-{run}-%') + (SELECT count(*) FROM graduates WHERE graduate_id LIKE 'first-{run}-%') + (SELECT count(*) FROM destination_reports WHERE report_id LIKE 'first-{run}-%') + (SELECT count(*) FROM graduate_withdrawals WHERE graduate_id LIKE 'first-{run}-%')"), n => n == cases.Sum(c => c.Setup.Count), "the first versions of the conflicting events are stored");

        var neighbours = new List<string>();
        var outcomes = new List<(MalformedInput Case, EventRejected? Rejection, TimeSpan Latency)>();
        foreach (var bad in cases)
        {
            neighbours.Add(await PublishValidVisitAsync());
            var before = env.Broker.Received(BrokerClient.EventRejectedExchange).Count;
            var sent = Stopwatch.StartNew();
            await env.Broker.PublishBytesAsync(bad.Exchange, bad.Body, bad.ContentType);
            var rejections = await Eventually.UntilAsync(() => env.Broker.Rejections, r => r.Count > before, $"{bad.Name} is rejected", TimeSpan.FromSeconds(10));
            outcomes.Add((bad, rejections.Count == before + 1 ? rejections[before] : null, sent.Elapsed));
            neighbours.Add(await PublishValidVisitAsync());
        }

        await Eventually.UntilAsync(
            () => env.CountAsync($"SELECT count(*) FROM visits WHERE visit_id LIKE 'ok-{run}-%'"), n => n == neighbours.Count, "every valid neighbour is stored");
        await env.SettleAsync();

        Assert.All(outcomes, o =>
        {
            Assert.True(o.Rejection is not null, $"{o.Case.Name}: one EventRejected");
            Assert.True(o.Rejection!.Errors.Any(e => e.Contains(o.Case.Reason, StringComparison.Ordinal)), $"{o.Case.Name}: expected '{o.Case.Reason}' in {string.Join(" | ", o.Rejection.Errors)}");
            Assert.True(o.Rejection.Errors.All(e => e.Length < 600), $"{o.Case.Name}: a reason is quoted short");
            Assert.True(o.Latency < Promptly, $"{o.Case.Name}: rejected after {o.Latency.TotalMilliseconds:F0} ms");
        });
        Assert.Equal(cases.Count, env.Broker.Rejections.Count);
        Assert.Equal(0, await env.CountAsync($"SELECT count(*) FROM visits WHERE visit_id LIKE 'bad-{run}-%'"));
        Assert.Equal(0, await env.CountAsync($"SELECT count(*) FROM graduates WHERE graduate_id LIKE 'bad-{run}-%'"));
        Assert.Equal(0, await env.CountAsync($"SELECT count(*) FROM destination_reports WHERE report_id LIKE 'bad-{run}-%'"));

        // Refused at once: no message in an error queue was retried.
        foreach (var queue in new[] { "enterprise-visit-recorded", "enterprise-visit-cancelled", "graduate-registered", "graduate-withdrawn", "graduate-reinstated", "graduate-destination-reported", "evaluation-requested" })
        {
            foreach (var headers in await env.Broker.PeekHeadersAsync($"monitor-{queue}_error"))
            {
                Assert.Equal("0", headers.GetValueOrDefault("MT-Fault-RetryCount", "0"));
                Assert.True(headers.GetValueOrDefault("MT-Fault-Message", "").Length < 4000, $"{queue}: the fault header is short");
            }
        }
    }

    private async Task<string> PublishValidVisitAsync()
    {
        var id = $"ok-{run}-{++neighbour}";
        await env.Broker.PublishRawAsync(MalformedInputs.Visits, MalformedInputs.Visit(id).ToJsonString());
        return id;
    }
}
