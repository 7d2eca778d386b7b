namespace Monitor.Worker.Web;

/// <summary>
/// Who may see what, decided before any page or API answers. Open to all: health (<c>/health/live</c>,
/// <c>/health/ready</c>), <c>/metrics</c> (it has a gate of its own), <c>/login</c> and <c>/logout</c>. A logged-in
/// account sees everything. A valid signed link opens its target's page and grants that target for its remaining time;
/// the grant opens the target's page (any unit), its API (<c>/api/targets/{id}/…</c>), the institutions' names the page
/// reads (<c>/api/institutions</c>) and the static assets, and nothing else. With no account configured, this machine
/// (loopback, not through a proxy) sees everything, so the embedded demo opens at once. Pure: the request's facts in,
/// the decision out.
/// </summary>
public static class AccessGate
{
    private static readonly string[] OpenPaths = ["/health/live", "/health/ready", "/metrics", "/login", "/logout"];

    public static AccessDecision Decide(AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.Length > 1 ? request.Path.TrimEnd('/') : request.Path;
        if (OpenPaths.Any(p => string.Equals(path, p, StringComparison.OrdinalIgnoreCase)))
        {
            return AccessDecision.Allow;
        }

        var page = PageTarget(path);
        if (page is not null && (request.Expiry is not null || request.Signature is not null))
        {
            // A link is judged first, so a valid one leaves its grant even where the request would pass anyway; for an
            // account that has logged in, a bad link changes nothing.
            return request.Link(page) switch
            {
                { Verdict: LinkVerdict.Valid, Expires: var expires } => AccessDecision.Grant(page, expires),
                { Verdict: LinkVerdict.Expired } => request.LoggedIn ? AccessDecision.Allow : AccessDecision.LinkExpired,
                _ => request.LoggedIn ? AccessDecision.Allow : AccessDecision.LinkInvalid,
            };
        }

        if (request.LoggedIn || (request.Local && !request.UsersConfigured))
        {
            return AccessDecision.Allow;
        }

        if (request.Grants.Count > 0 && Granted(path, request.Grants))
        {
            return AccessDecision.Allow;
        }

        if (page is not null)
        {
            // A page address without a link (or with another target's grant): as a link that is not valid.
            return AccessDecision.LinkInvalid;
        }

        if (!request.UsersConfigured)
        {
            return AccessDecision.NoUsers;
        }

        return IsApi(path)
            ? request.Grants.Count > 0 ? AccessDecision.Forbidden : AccessDecision.Unauthorized
            : AccessDecision.Login;
    }

    /// <summary>The target of a page path <c>/t/{targetId}</c>, or null for any other path.</summary>
    public static string? PageTarget(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith("/t/", StringComparison.OrdinalIgnoreCase) && path.Length > 3 && path.IndexOf('/', 3) < 0 ? path[3..] : null;
    }

    private static bool Granted(string path, IReadOnlyCollection<string> grants)
    {
        if (path.StartsWith("/assets/", StringComparison.OrdinalIgnoreCase) || string.Equals(path, "/api/institutions", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (PageTarget(path) is { } page)
        {
            return grants.Contains(page, StringComparer.Ordinal);
        }

        const string api = "/api/targets/";
        if (!path.StartsWith(api, StringComparison.OrdinalIgnoreCase) || path.Length == api.Length)
        {
            return false;
        }

        var rest = path[api.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return grants.Contains(slash < 0 ? rest : rest[..slash], StringComparer.Ordinal);
    }

    private static bool IsApi(string path) =>
        string.Equals(path, "/api", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What the gate knows of a request.</summary>
/// <param name="Path">The path as the server read it (escapes decoded).</param>
/// <param name="Expiry">The query's <c>exp</c>, if any.</param>
/// <param name="Signature">The query's <c>sig</c>, if any.</param>
/// <param name="Link">Checks the link for a target's page (its unit, expiry and signature come from the request).</param>
/// <param name="LoggedIn">An account has logged in.</param>
/// <param name="Local">From this machine, not through a proxy.</param>
/// <param name="UsersConfigured">At least one account is configured.</param>
/// <param name="Grants">The targets the request's link cookie grants.</param>
public sealed record AccessRequest(
    string Path,
    string? Expiry,
    string? Signature,
    Func<string, LinkCheck> Link,
    bool LoggedIn,
    bool Local,
    bool UsersConfigured,
    IReadOnlyCollection<string> Grants);

public enum AccessOutcome
{
    /// <summary>On to the page or API.</summary>
    Allow,

    /// <summary>A valid link: on to the page, and its target granted in the link cookie.</summary>
    Grant,

    /// <summary>403 with a page: the link has expired; ask the office for a new one.</summary>
    LinkExpired,

    /// <summary>403 with a page: the link is not valid (tampered, unsigned, another target's); ask the office for a new one.</summary>
    LinkInvalid,

    /// <summary>403 with a page: no account is configured, and the request is not from this machine.</summary>
    NoUsers,

    /// <summary>To the login form (pages).</summary>
    Login,

    /// <summary>401 (API, no credentials).</summary>
    Unauthorized,

    /// <summary>403 (API, a link cookie for other targets).</summary>
    Forbidden,
}

/// <summary>The gate's answer; <see cref="Target"/> and <see cref="Expires"/> are the grant of a valid link.</summary>
public sealed record AccessDecision(AccessOutcome Outcome, string? Target = null, DateTimeOffset Expires = default)
{
    public static readonly AccessDecision Allow = new(AccessOutcome.Allow);
    public static readonly AccessDecision LinkExpired = new(AccessOutcome.LinkExpired);
    public static readonly AccessDecision LinkInvalid = new(AccessOutcome.LinkInvalid);
    public static readonly AccessDecision NoUsers = new(AccessOutcome.NoUsers);
    public static readonly AccessDecision Login = new(AccessOutcome.Login);
    public static readonly AccessDecision Unauthorized = new(AccessOutcome.Unauthorized);
    public static readonly AccessDecision Forbidden = new(AccessOutcome.Forbidden);

    public static AccessDecision Grant(string target, DateTimeOffset expires) => new(AccessOutcome.Grant, target, expires);
}
