using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Monitor.Worker.Tools.Import;

/// <summary>SHA-256 of a row's normalised fields: the ids derived from content, and the keys of duplicate detection.</summary>
public static class ImportHash
{
    /// <summary>The separator between fields of a canonical row (a control character no cell contains).</summary>
    public const char Separator = '\u001f';

    /// <summary>The first 128 bits of SHA-256 of the UTF-8 text.</summary>
    public static UInt128 Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = length <= 1024 ? null : ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> bytes = rented ?? stackalloc byte[1024];
            var written = Encoding.UTF8.GetBytes(text, bytes);
            SHA256.HashData(bytes[..written], hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        return new UInt128(BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]));
    }

    /// <summary>An id for a row without one: "csv-" and 32 hex digits of the hash of <paramref name="canonical"/>.</summary>
    public static string DerivedId(string canonical) => $"csv-{Of(canonical):x32}";
}
