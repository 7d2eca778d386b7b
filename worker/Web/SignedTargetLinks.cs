using Monitor.Worker.Delivery;

namespace Monitor.Worker.Web;

/// <summary>The robots' links: <c>PublicUrl</c> + a signed <c>/t/{targetId}</c> that opens for <c>LinkLifetime</c> from now.</summary>
public sealed class SignedTargetLinks(Uri publicBase, TimeSpan lifetime, LinkSigner signer) : ITargetLinks
{
    private readonly string prefix = publicBase.ToString().TrimEnd('/');

    public Uri PageLink(string targetId, string? unitCode) => new(prefix + signer.Sign(targetId, unitCode, signer.Now + lifetime));
}
