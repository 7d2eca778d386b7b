using Monitor.Messages;

namespace Monitor.Worker.Alerts;

/// <summary>
/// The digests this Monitor made (the digests' outbox): the robots post a digest only from here, never from what arrives
/// on the DailyDigest exchange.
/// </summary>
public interface IDigestStore
{
    /// <summary>Keeps the digest once per DigestId (one per institution and day; the first one made is kept). False when it was kept already.</summary>
    Task<bool> SaveAsync(DailyDigest digest, CancellationToken cancellationToken);

    /// <summary>The digests kept that were made at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<DailyDigest>> GetSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
