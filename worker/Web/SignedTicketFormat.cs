using System.Buffers.Text;
using Microsoft.AspNetCore.Authentication;

namespace Monitor.Worker.Web;

/// <summary>
/// The login cookie's contents: the authentication ticket (the account's name, when it was issued and when it expires)
/// signed with the <see cref="SigningKey"/> instead of Data Protection's key ring, so every replica accepts a login made
/// on another without a key ring to share. The ticket holds no secret: it is signed, not encrypted.
/// </summary>
public sealed class SignedTicketFormat(SigningKey key) : ISecureDataFormat<AuthenticationTicket>
{
    private const string Purpose = "monitor-login";

    public string Protect(AuthenticationTicket data) => Protect(data, null);

    public string Protect(AuthenticationTicket data, string? purpose)
    {
        var ticket = Base64Url.EncodeToString(TicketSerializer.Default.Serialize(data));
        return $"{ticket}.{Base64Url.EncodeToString(key.Mac(Purpose, purpose ?? "", ticket))}";
    }

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        var parts = protectedText?.Split('.');
        if (parts is not { Length: 2 } || !Base64Url.IsValid(parts[1]) || !Base64Url.IsValid(parts[0])
            || !key.Verify(Base64Url.DecodeFromChars(parts[1]), Purpose, purpose ?? "", parts[0]))
        {
            return null;
        }

        return TicketSerializer.Default.Deserialize(Base64Url.DecodeFromChars(parts[0]));
    }
}
