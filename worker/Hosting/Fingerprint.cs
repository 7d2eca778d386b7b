using System.Security.Cryptography;
using System.Text.Json;

namespace Monitor.Worker.Hosting;

/// <summary>A hash of an event's content: equal for a redelivery, different for a conflicting reuse of the same id.</summary>
public static class Fingerprint
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Of<T>(T message) => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(message, Options)));
}
