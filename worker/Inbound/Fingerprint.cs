using System.Security.Cryptography;
using System.Text.Json;

namespace Monitor.Worker.Inbound;

/// <summary>A hash of an event's content: equal for a redelivery, different for a conflicting reuse of the same id.</summary>
public static class Fingerprint
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Of<T>(T message) => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(message, Options)));

    /// <summary>An id seen before: the same content is a redelivery, other content a conflict (the first version stays).</summary>
    public static StoreOutcome Compare(string? storedFingerprint, string fingerprint) =>
        string.Equals(storedFingerprint, fingerprint, StringComparison.Ordinal) ? StoreOutcome.Duplicate : StoreOutcome.Conflict;
}
