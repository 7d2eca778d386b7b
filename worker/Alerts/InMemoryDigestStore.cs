using Monitor.Messages;

namespace Monitor.Worker.Alerts;

/// <summary>The embedded default: the digests made, in process memory, kept as their JSON payload as in PostgreSQL.</summary>
public sealed class InMemoryDigestStore : IDigestStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, (DateTimeOffset GeneratedAt, string Payload)> digests = [];

    public Task<bool> SaveAsync(DailyDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var payload = DigestJson.Serialize(digest);
        lock (gate)
        {
            return Task.FromResult(digests.TryAdd(digest.DigestId, (digest.GeneratedAt, payload)));
        }
    }

    public Task<IReadOnlyList<DailyDigest>> GetSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<DailyDigest>>(
            [
                .. digests.Where(d => d.Value.GeneratedAt >= since)
                    .OrderBy(d => d.Value.GeneratedAt)
                    .ThenBy(d => d.Key)
                    .Select(d => DigestJson.Deserialize(d.Value.Payload)),
            ]);
        }
    }
}
