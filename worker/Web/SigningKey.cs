using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Monitor.Worker.Web;

/// <summary>
/// The key behind every signed link and cookie (HMAC-SHA256): from <c>Monitor:Web:SigningKey</c>, kept in PostgreSQL, or
/// random for this process. Loaded on first use; a load that fails (the database unreachable) is tried again next time.
/// </summary>
public sealed class SigningKey
{
    private readonly Func<byte[]> load;
    private readonly Lock loading = new();
    private byte[]? bytes;

    public SigningKey(byte[] key)
        : this(() => key)
    {
    }

    public SigningKey(Func<byte[]> load) => this.load = load;

    /// <summary>A new random key, for a process whose links need not outlive it (the embedded default).</summary>
    public static SigningKey Random() => new(RandomNumberGenerator.GetBytes(32));

    public byte[] Bytes
    {
        get
        {
            if (bytes is { } loaded)
            {
                return loaded;
            }

            lock (loading)
            {
                return bytes ??= load();
            }
        }
    }

    /// <summary>
    /// The HMAC of <paramref name="fields"/> under <paramref name="purpose"/> (a link, a link cookie, a login): each
    /// field length-prefixed, so no two lists of fields give the same input and a token made for one purpose is no
    /// good for another.
    /// </summary>
    public byte[] Mac(string purpose, params ReadOnlySpan<string> fields)
    {
        using var input = new MemoryStream();
        Write(input, purpose);
        foreach (var field in fields)
        {
            Write(input, field);
        }

        return HMACSHA256.HashData(Bytes, input.ToArray());
    }

    /// <summary>Whether <paramref name="signature"/> is the MAC of the fields, compared in constant time.</summary>
    public bool Verify(ReadOnlySpan<byte> signature, string purpose, params ReadOnlySpan<string> fields) =>
        CryptographicOperations.FixedTimeEquals(signature, Mac(purpose, fields));

    private static void Write(MemoryStream stream, string field)
    {
        var data = Encoding.UTF8.GetBytes(field);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        stream.Write(data);
    }
}
