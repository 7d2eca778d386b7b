using Monitor.Messages;

namespace Monitor.IntegrationTests.Infrastructure;

/// <summary>Visits to distinct employers, for tests that need a target's count to move.</summary>
public static class VisitData
{
    /// <summary><paramref name="count"/> leadership visits to distinct employers, one a day back from 2024-06-14.</summary>
    public static IReadOnlyList<EnterpriseVisitRecorded> Leadership(string prefix, int count) =>
        [.. Enumerable.Range(1, count).Select(i => new EnterpriseVisitRecorded(
            $"{prefix}-{i}",
            WorkerEnvironment.Institution,
            VisitTier.Leadership,
            null,
            $"天津{prefix}第{i}有限公司",
            null,
            new DateOnly(2024, 6, 14).AddDays(-(i % 25)),
            i % 2 == 0 ? VisitMode.Outgoing : VisitMode.Incoming,
            i % 7))];

    /// <summary>Publishes the visits through the worker's bus and waits until the store holds <paramref name="expectedTotal"/> visits.</summary>
    public static async Task PublishAsync(WorkerEnvironment env, WorkerHost through, IReadOnlyList<EnterpriseVisitRecorded> visits, long expectedTotal)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(through);
        ArgumentNullException.ThrowIfNull(visits);
        foreach (var visit in visits)
        {
            await through.PublishAsync(visit);
        }

        await Eventually.UntilAsync(() => env.CountAsync("SELECT count(*) FROM visits"), n => n == expectedTotal, $"{expectedTotal} visits are stored");
    }
}
