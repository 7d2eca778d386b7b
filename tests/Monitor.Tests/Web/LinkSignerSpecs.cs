using System.Web;
using Microsoft.Extensions.Time.Testing;
using Monitor.Worker.Web;

namespace Monitor.Tests.Web;

/// <summary>Signed links to a target's page and the cookie grant a valid one leaves: what opens, and everything that must not.</summary>
public sealed class LinkSignerSpecs
{
    private static readonly DateTimeOffset Now = new(2024, 6, 15, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset InTwoWeeks = Now.AddDays(14);
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private readonly FakeTimeProvider clock = new(Now);

    private LinkSigner Signer => new(new SigningKey(Key), clock);

    [Fact]
    public void When_a_link_is_signed_should_name_the_page_the_unit_and_the_expiry_and_open_until_then()
    {
        var link = Signer.Sign("unit-visits-2024", "XN", InTwoWeeks);

        Assert.StartsWith($"/t/unit-visits-2024?unit=XN&exp={InTwoWeeks.ToUnixTimeSeconds()}&sig=", link, StringComparison.Ordinal);
        var (target, unit, exp, sig) = Parse(link);
        Assert.Equal(43, sig!.Length);
        Assert.Equal(new LinkCheck(LinkVerdict.Valid, InTwoWeeks), Signer.Check(target, unit, exp, sig));
    }

    [Fact]
    public void When_a_target_id_needs_escaping_should_escape_it_in_the_address_and_sign_the_id_as_the_server_reads_it()
    {
        var link = Signer.Sign("leadership-visits-2024@2023", null, InTwoWeeks);

        Assert.StartsWith("/t/leadership-visits-2024%402023?exp=", link, StringComparison.Ordinal);
        var (target, unit, exp, sig) = Parse(link);
        Assert.Equal(LinkVerdict.Valid, Signer.Check(target, unit, exp, sig).Verdict);
    }

    [Fact]
    public void When_a_link_has_passed_its_expiry_should_be_expired_not_valid()
    {
        var (target, unit, exp, sig) = Parse(Signer.Sign("unit-visits-2024", null, InTwoWeeks));

        clock.SetUtcNow(InTwoWeeks);

        Assert.Equal(LinkVerdict.Expired, Signer.Check(target, unit, exp, sig).Verdict);
    }

    [Theory]
    [InlineData("path")]
    [InlineData("unit changed")]
    [InlineData("unit removed")]
    [InlineData("unit added")]
    [InlineData("expiry")]
    [InlineData("signature")]
    [InlineData("signature cut")]
    [InlineData("signature not base64url")]
    [InlineData("expiry not a number")]
    [InlineData("no signature")]
    [InlineData("no expiry")]
    public void When_any_part_of_a_link_is_changed_should_be_invalid(string change)
    {
        var (target, unit, exp, sig) = Parse(Signer.Sign("unit-visits-2024", "XN", InTwoWeeks));
        var flipped = (sig![0] == 'A' ? 'B' : 'A') + sig[1..];

        var check = change switch
        {
            "path" => Signer.Check("leadership-visits-2024", unit, exp, sig),
            "unit changed" => Signer.Check(target, "RG", exp, sig),
            "unit removed" => Signer.Check(target, null, exp, sig),
            "unit added" => Signer.Check(target, "XN", exp, Parse(Signer.Sign("unit-visits-2024", null, InTwoWeeks)).Sig),
            "expiry" => Signer.Check(target, unit, (long.Parse(exp!, System.Globalization.CultureInfo.InvariantCulture) + 86_400).ToString(System.Globalization.CultureInfo.InvariantCulture), sig),
            "signature" => Signer.Check(target, unit, exp, flipped),
            "signature cut" => Signer.Check(target, unit, exp, sig[..20]),
            "signature not base64url" => Signer.Check(target, unit, exp, sig[..42] + "+"),
            "expiry not a number" => Signer.Check(target, unit, "1e10", sig),
            "no signature" => Signer.Check(target, unit, exp, null),
            _ => Signer.Check(target, unit, null, sig),
        };

        Assert.Equal(LinkVerdict.Invalid, check.Verdict);
    }

    [Fact]
    public void When_a_link_was_signed_with_another_key_should_be_invalid()
    {
        var other = new LinkSigner(new SigningKey([.. Enumerable.Range(2, 32).Select(i => (byte)i)]), clock);
        var (target, unit, exp, sig) = Parse(other.Sign("unit-visits-2024", null, InTwoWeeks));

        Assert.Equal(LinkVerdict.Invalid, Signer.Check(target, unit, exp, sig).Verdict);
    }

    [Fact]
    public void When_an_address_has_no_expiry_and_no_signature_should_be_no_link_at_all()
    {
        Assert.Equal(LinkVerdict.Absent, Signer.Check("unit-visits-2024", "XN", null, null).Verdict);
    }

    [Fact]
    public void When_a_grant_is_read_back_should_give_its_target_until_it_expires_and_nothing_after()
    {
        var grant = Signer.Grant("unit-visits-2024", InTwoWeeks);

        Assert.Equal(new LinkGrant("unit-visits-2024", InTwoWeeks), Signer.ReadGrant(grant));
        clock.SetUtcNow(InTwoWeeks);
        Assert.Null(Signer.ReadGrant(grant));
    }

    [Fact]
    public void When_a_grant_is_tampered_with_or_made_with_another_key_should_grant_nothing()
    {
        var parts = Signer.Grant("unit-visits-2024", InTwoWeeks).Split('.');
        var otherTarget = Signer.Grant("leadership-visits-2024", InTwoWeeks).Split('.')[0];
        var other = new LinkSigner(new SigningKey(new byte[32]), clock);

        Assert.Null(Signer.ReadGrant($"{otherTarget}.{parts[1]}.{parts[2]}"));
        Assert.Null(Signer.ReadGrant($"{parts[0]}.{InTwoWeeks.AddDays(30).ToUnixTimeSeconds()}.{parts[2]}"));
        Assert.Null(Signer.ReadGrant($"{parts[0]}.{parts[1]}"));
        Assert.Null(Signer.ReadGrant(other.Grant("unit-visits-2024", InTwoWeeks)));
    }

    [Fact]
    public void When_a_links_signature_is_offered_as_a_grant_should_grant_nothing()
    {
        var (_, _, exp, sig) = Parse(Signer.Sign("unit-visits-2024", null, InTwoWeeks));
        var id = Signer.Grant("unit-visits-2024", InTwoWeeks).Split('.')[0];

        Assert.Null(Signer.ReadGrant($"{id}.{exp}.{sig}"));
    }

    private static (string Target, string? Unit, string? Exp, string? Sig) Parse(string link)
    {
        var uri = new Uri(new Uri("http://localhost"), link);
        var query = HttpUtility.ParseQueryString(uri.Query);
        return (Uri.UnescapeDataString(uri.AbsolutePath["/t/".Length..]), query["unit"], query["exp"], query["sig"]);
    }
}
