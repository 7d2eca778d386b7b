using Monitor.Worker.Web;

namespace Monitor.Tests.Web;

/// <summary>The gate's decisions, request by request: what is open to all, to a logged-in account, to a link and its grant, to this machine.</summary>
public sealed class AccessGateSpecs
{
    private static readonly DateTimeOffset Expires = new(2024, 6, 29, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/metrics")]
    [InlineData("/login")]
    [InlineData("/logout")]
    public void When_health_metrics_or_the_login_is_asked_for_by_anyone_should_let_it_through(string path)
    {
        Assert.Equal(AccessOutcome.Allow, Decide(path).Outcome);
    }

    [Theory]
    [InlineData("/", AccessOutcome.Login)]
    [InlineData("/assets/dashboard.js", AccessOutcome.Login)]
    [InlineData("/api/targets", AccessOutcome.Unauthorized)]
    [InlineData("/api/targets/unit-visits-2024/series", AccessOutcome.Unauthorized)]
    [InlineData("/api/institutions", AccessOutcome.Unauthorized)]
    [InlineData("/t/unit-visits-2024", AccessOutcome.LinkInvalid)]
    [InlineData("/anything/else", AccessOutcome.Login)]
    public void When_nobody_has_logged_in_and_no_link_is_given_should_send_pages_to_the_login_refuse_the_API_and_call_a_bare_page_address_no_valid_link(string path, AccessOutcome expected)
    {
        Assert.Equal(expected, Decide(path).Outcome);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/t/unit-visits-2024")]
    [InlineData("/api/silences")]
    [InlineData("/assets/echarts.min.js")]
    public void When_an_account_has_logged_in_should_let_everything_through(string path)
    {
        Assert.Equal(AccessOutcome.Allow, Decide(path, loggedIn: true).Outcome);
    }

    [Fact]
    public void When_a_valid_link_opens_a_page_should_let_it_through_and_grant_its_target_until_the_links_expiry()
    {
        var decision = Decide("/t/unit-visits-2024", link: LinkVerdict.Valid);

        Assert.Equal(AccessDecision.Grant("unit-visits-2024", Expires), decision);
    }

    [Theory]
    [InlineData(LinkVerdict.Expired, AccessOutcome.LinkExpired)]
    [InlineData(LinkVerdict.Invalid, AccessOutcome.LinkInvalid)]
    public void When_a_link_has_expired_or_is_not_valid_should_refuse_it_even_on_this_machine_without_accounts(LinkVerdict verdict, AccessOutcome expected)
    {
        Assert.Equal(expected, Decide("/t/unit-visits-2024", link: verdict).Outcome);
        Assert.Equal(expected, Decide("/t/unit-visits-2024", link: verdict, local: true, users: false).Outcome);
    }

    [Fact]
    public void When_someone_logged_in_follows_an_expired_link_should_let_them_through_as_logged_in()
    {
        Assert.Equal(AccessOutcome.Allow, Decide("/t/unit-visits-2024", link: LinkVerdict.Expired, loggedIn: true).Outcome);
    }

    [Theory]
    [InlineData("/t/unit-visits-2024")]
    [InlineData("/t/unit-visits-2024/")]
    [InlineData("/api/targets/unit-visits-2024")]
    [InlineData("/api/targets/unit-visits-2024/series")]
    [InlineData("/api/targets/unit-visits-2024/alerts")]
    [InlineData("/api/institutions")]
    [InlineData("/assets/dashboard.css")]
    public void When_a_grant_covers_the_target_should_let_its_page_its_API_and_the_assets_through(string path)
    {
        Assert.Equal(AccessOutcome.Allow, Decide(path, grants: ["unit-visits-2024"]).Outcome);
    }

    [Theory]
    [InlineData("/t/leadership-visits-2024", AccessOutcome.LinkInvalid)]
    [InlineData("/t/unit-visits-2024x", AccessOutcome.LinkInvalid)]
    [InlineData("/api/targets/leadership-visits-2024/series", AccessOutcome.Forbidden)]
    [InlineData("/api/targets/unit-visits-2024x", AccessOutcome.Forbidden)]
    [InlineData("/api/targets", AccessOutcome.Forbidden)]
    [InlineData("/api/silences", AccessOutcome.Forbidden)]
    [InlineData("/api/province", AccessOutcome.Forbidden)]
    [InlineData("/", AccessOutcome.Login)]
    public void When_a_grant_is_for_another_target_should_keep_everything_else_closed(string path, AccessOutcome expected)
    {
        Assert.Equal(expected, Decide(path, grants: ["unit-visits-2024"]).Outcome);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/targets")]
    [InlineData("/t/unit-visits-2024")]
    public void When_no_account_is_configured_should_let_this_machine_in(string path)
    {
        Assert.Equal(AccessOutcome.Allow, Decide(path, local: true, users: false).Outcome);
    }

    [Theory]
    [InlineData("/", AccessOutcome.NoUsers)]
    [InlineData("/api/targets", AccessOutcome.NoUsers)]
    [InlineData("/t/unit-visits-2024", AccessOutcome.LinkInvalid)]
    public void When_no_account_is_configured_should_refuse_other_machines_saying_how_to_add_one(string path, AccessOutcome expected)
    {
        Assert.Equal(expected, Decide(path, local: false, users: false).Outcome);
    }

    [Fact]
    public void When_no_account_is_configured_should_still_open_a_valid_link_from_another_machine()
    {
        Assert.Equal(AccessOutcome.Grant, Decide("/t/unit-visits-2024", link: LinkVerdict.Valid, users: false).Outcome);
    }

    [Fact]
    public void When_accounts_are_configured_should_not_let_this_machine_in_without_a_login()
    {
        Assert.Equal(AccessOutcome.Login, Decide("/", local: true).Outcome);
    }

    [Theory]
    [InlineData("/t/unit-visits-2024", "unit-visits-2024")]
    [InlineData("/T/a@2023", "a@2023")]
    [InlineData("/t/", null)]
    [InlineData("/t/a/b", null)]
    [InlineData("/targets/a", null)]
    public void When_a_path_is_read_should_find_a_page_target_only_in_one_segment_after_t(string path, string? target)
    {
        Assert.Equal(target, AccessGate.PageTarget(path));
    }

    private static AccessDecision Decide(string path, LinkVerdict? link = null, bool loggedIn = false, bool local = false, bool users = true, string[]? grants = null) =>
        AccessGate.Decide(new AccessRequest(
            path,
            link is null ? null : "1719626400",
            link is null ? null : "signature",
            _ => new LinkCheck(link ?? LinkVerdict.Absent, link is LinkVerdict.Valid or LinkVerdict.Expired ? Expires : default),
            loggedIn,
            local,
            users,
            grants ?? []));
}
