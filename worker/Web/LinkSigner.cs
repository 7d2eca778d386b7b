using System.Buffers.Text;
using System.Globalization;

namespace Monitor.Worker.Web;

/// <summary>
/// Signed links to a target's page, <c>/t/{targetId}?unit=CODE&amp;exp=…&amp;sig=…</c>, which open it without a login
/// until <c>exp</c> (Unix seconds): <c>sig</c> is the HMAC-SHA256 (base64url) of the path, the unit and the expiry. And
/// the grant a valid link leaves in a cookie (the target and the same expiry, signed with the same key), so the page's
/// own requests for that target pass on any replica without a session kept anywhere.
/// </summary>
public sealed class LinkSigner(SigningKey key, TimeProvider clock)
{
    public const string UnitParameter = "unit";
    public const string ExpiryParameter = "exp";
    public const string SignatureParameter = "sig";

    private const string LinkPurpose = "monitor-link";
    private const string GrantPurpose = "monitor-link-grant";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The signer's clock now.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The page's path as the server reads it (the target's id as is, not escaped): what a link signs.</summary>
    public static string PagePath(string targetId) => "/t/" + targetId;

    /// <summary>The path and query of a link to the target's page (or the unit's, when given) that opens until <paramref name="expires"/>.</summary>
    public string Sign(string targetId, string? unitCode, DateTimeOffset expires)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetId);
        var exp = expires.ToUnixTimeSeconds().ToString(Invariant);
        var sig = Base64Url.EncodeToString(key.Mac(LinkPurpose, PagePath(targetId), unitCode ?? "", exp));
        var unit = string.IsNullOrEmpty(unitCode) ? "" : $"{UnitParameter}={Uri.EscapeDataString(unitCode)}&";
        return $"/t/{Uri.EscapeDataString(targetId)}?{unit}{ExpiryParameter}={exp}&{SignatureParameter}={sig}";
    }

    /// <summary>
    /// Whether a request for the target's page carries a valid link: none when it has neither <c>exp</c> nor <c>sig</c>;
    /// invalid when the signature does not match the path, unit and expiry (tampered, made with another key);
    /// expired when it matches but its time has passed.
    /// </summary>
    public LinkCheck Check(string targetId, string? unitCode, string? exp, string? sig)
    {
        ArgumentNullException.ThrowIfNull(targetId);
        if (string.IsNullOrEmpty(exp) && string.IsNullOrEmpty(sig))
        {
            return new LinkCheck(LinkVerdict.Absent, default);
        }

        if (string.IsNullOrEmpty(exp) || string.IsNullOrEmpty(sig)
            || !long.TryParse(exp, NumberStyles.None, Invariant, out var seconds) || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || !TryDecode(sig, out var signature)
            || !key.Verify(signature, LinkPurpose, PagePath(targetId), unitCode ?? "", exp))
        {
            return new LinkCheck(LinkVerdict.Invalid, default);
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return new LinkCheck(expires <= clock.GetUtcNow() ? LinkVerdict.Expired : LinkVerdict.Valid, expires);
    }

    /// <summary>A cookie's grant of one target's page until <paramref name="expires"/>: <c>base64url(target).exp.base64url(mac)</c>.</summary>
    public string Grant(string targetId, DateTimeOffset expires)
    {
        var exp = expires.ToUnixTimeSeconds().ToString(Invariant);
        return $"{Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(targetId))}.{exp}.{Base64Url.EncodeToString(key.Mac(GrantPurpose, targetId, exp))}";
    }

    /// <summary>The target a grant opens, when its signature holds and it has not expired.</summary>
    public LinkGrant? ReadGrant(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        if (parts.Length != 3 || !TryDecode(parts[0], out var id) || !TryDecode(parts[2], out var signature)
            || !long.TryParse(parts[1], NumberStyles.None, Invariant, out var seconds) || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        string targetId;
        try
        {
            targetId = new System.Text.UTF8Encoding(false, true).GetString(id);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return key.Verify(signature, GrantPurpose, targetId, parts[1]) && expires > clock.GetUtcNow() ? new LinkGrant(targetId, expires) : null;
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var buffer = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (Base64Url.IsValid(text) && Base64Url.TryDecodeFromChars(text, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}

public enum LinkVerdict
{
    /// <summary>No <c>exp</c> and no <c>sig</c>: a plain address, not a link.</summary>
    Absent,

    /// <summary>Tampered, malformed, or signed with another key.</summary>
    Invalid,

    /// <summary>Signed by this Monitor, but its time has passed.</summary>
    Expired,

    Valid,
}

/// <summary>What a link check found, with the link's expiry when it is signed.</summary>
public readonly record struct LinkCheck(LinkVerdict Verdict, DateTimeOffset Expires);

/// <summary>One target's page opened by a link, until its expiry.</summary>
public sealed record LinkGrant(string TargetId, DateTimeOffset Expires);
