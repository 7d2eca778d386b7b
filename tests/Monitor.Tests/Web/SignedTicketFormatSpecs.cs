using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Monitor.Worker.Web;

namespace Monitor.Tests.Web;

/// <summary>The login cookie's contents, signed with the signing key: read back by any holder of the key, by nobody else, and not once changed.</summary>
public sealed class SignedTicketFormatSpecs
{
    private static readonly SigningKey Key = new([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    [Fact]
    public void When_a_ticket_is_protected_should_be_read_back_with_its_name_and_expiry_by_another_instance_with_the_same_key()
    {
        var token = new SignedTicketFormat(Key).Protect(Ticket("office"));

        var read = new SignedTicketFormat(new SigningKey([.. Enumerable.Range(1, 32).Select(i => (byte)i)])).Unprotect(token);

        Assert.Equal("office", read?.Principal.Identity?.Name);
        Assert.Equal(new DateTimeOffset(2024, 6, 15, 14, 0, 0, TimeSpan.Zero), read?.Properties.ExpiresUtc);
    }

    [Fact]
    public void When_a_ticket_is_changed_or_made_with_another_key_should_read_as_nothing()
    {
        var format = new SignedTicketFormat(Key);
        var token = format.Protect(Ticket("office"));
        var other = new SignedTicketFormat(SigningKey.Random()).Protect(Ticket("admin"));
        var swapped = other.Split('.')[0] + "." + token.Split('.')[1];

        Assert.Null(format.Unprotect(other));
        Assert.Null(format.Unprotect(swapped));
        Assert.Null(format.Unprotect(token + "x"));
        Assert.Null(format.Unprotect("not a ticket"));
        Assert.Null(format.Unprotect(token, "another purpose"));
    }

    private static AuthenticationTicket Ticket(string name) => new(
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "Cookies")),
        new AuthenticationProperties { ExpiresUtc = new DateTimeOffset(2024, 6, 15, 14, 0, 0, TimeSpan.Zero) },
        "Cookies");
}
