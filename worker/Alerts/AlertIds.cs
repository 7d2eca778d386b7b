using System.Security.Cryptography;
using System.Text;

namespace Monitor.Worker.Alerts;

/// <summary>
/// Name-based ids: the same (target, scope, transition, reminder) always gives the same Guid, so replicas, retries and
/// restarts that raise the same alert raise it once.
/// </summary>
public static class AlertIds
{
    public static Guid For(string targetId, string scopeKey, int transition, int reminder) =>
        FromName($"alert|{targetId}|{scopeKey}|{transition}|{reminder}");

    /// <summary>A snapshot: the same target, scope, as-of date and evaluation time always give the same id.</summary>
    public static Guid ForSnapshot(string targetId, string scopeKey, DateOnly asOf, DateTimeOffset evaluatedAt) =>
        FromName($"snapshot|{targetId}|{scopeKey}|{asOf:yyyy-MM-dd}|{evaluatedAt.UtcTicks}");

    public static Guid ForDigest(string institutionId, DateOnly date) =>
        FromName($"digest|{institutionId}|{date:yyyy-MM-dd}");

    /// <summary>An RFC 9562 version-8 (custom) Guid from the SHA-256 of the name.</summary>
    public static Guid FromName(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
