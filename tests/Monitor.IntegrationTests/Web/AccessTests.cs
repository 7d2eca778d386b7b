using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;
using Monitor.Worker.Web;
using By = OpenQA.Selenium.By;

namespace Monitor.IntegrationTests.Web;

/// <summary>
/// The real worker behind its gate, over HTTP: one account configured, robot posts with links to a public address
/// (here the worker itself), the signing key kept in PostgreSQL. A request the gate lets through reaches the
/// dashboard's pages, API and assets and gets their answer (200), never 401, 403 or the login.
/// </summary>
public sealed class AccessTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private const string Target = "unit-visits-2024";
    private const string OtherTarget = "leadership-visits-2024";

    private readonly FakeTimeProvider clock = new(WorkerEnvironment.Start);
    private RobotWorker? world;

    private RobotListener Robot => world!.Robot;

    private WorkerHost Worker => world!.Worker;

    private LinkSigner Signer => Worker.Services.GetRequiredService<LinkSigner>();

    public async Task InitializeAsync()
    {
        world = await RobotWorker.StartAsync(clock, robot =>
        {
            return new Dictionary<string, string?>
            {
                ["Monitor:Web:PublicUrl"] = "https://jy.example.edu.cn/monitor",
                ["Monitor:Web:Users:0:Name"] = "office",
                ["Monitor:Web:Users:0:PasswordHash"] = LoginEndpoints.Hash(Password),
                ["Monitor:Webhooks:0:Name"] = "leaders-wecom",
                ["Monitor:Webhooks:0:Kind"] = "WeCom",
                ["Monitor:Webhooks:0:Url"] = new Uri(robot.Address, "/wecom?key=test-key").ToString(),
                ["Monitor:Webhooks:0:Digests"] = "false",
                ["Monitor:Webhooks:0:MinimumSeverity"] = "Critical",
            };
        });
    }

    public async Task DisposeAsync()
    {
        if (world is not null)
        {
            await world.DisposeAsync();
        }
    }

    [Fact]
    public async Task When_a_signed_link_is_opened_should_open_its_page_and_let_that_targets_API_and_the_assets_through_but_nothing_else()
    {
        using var browser = new Visitor(Worker.BaseAddress);

        var page = await browser.GetAsync(Signer.Sign(Target, null, clock.GetUtcNow().AddDays(14)));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var cookie = Assert.Single(page.SetCookies, c => c.StartsWith(AccessMiddleware.LinkCookie + "=", StringComparison.Ordinal));
        Assert.Contains("max-age=1209600", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/targets/{Target}/series?unit=XN")).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/t/{Target}?unit=XN")).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/assets/dashboard.js")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/api/targets/{OtherTarget}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/silences")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/t/{OtherTarget}")).Status);
        var overview = await browser.GetAsync("/");
        Assert.Equal((HttpStatusCode.Redirect, "/login?returnUrl=%2F"), (overview.Status, overview.Location));

        using var stranger = new Visitor(Worker.BaseAddress);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync($"/api/targets/{Target}/series")).Status);
    }

    [Fact]
    public async Task When_a_link_is_unsigned_expired_tampered_or_for_another_target_should_refuse_it_with_403_and_a_page_saying_so()
    {
        using var browser = new Visitor(Worker.BaseAddress);
        var expired = Signer.Sign(Target, null, clock.GetUtcNow().AddSeconds(-1));
        var valid = Signer.Sign(Target, "XN", clock.GetUtcNow().AddDays(14));

        var unsigned = await browser.GetAsync($"/t/{Target}");
        var old = await browser.GetAsync(expired);
        var tampered = await browser.GetAsync(valid.Replace("unit=XN", "unit=RG", StringComparison.Ordinal));
        var moved = await browser.GetAsync(valid.Replace(Target, OtherTarget, StringComparison.Ordinal));

        Assert.Equal(
            [HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            [unsigned.Status, old.Status, tampered.Status, moved.Status]);
        Assert.Contains("这个链接已过期，请向就业办公室索取新的链接。", old.Body, StringComparison.Ordinal);
        Assert.All([unsigned, tampered, moved], r => Assert.Contains("这个链接无效（可能不完整或被改动过），请向就业办公室索取新的链接。", r.Body, StringComparison.Ordinal));
        Assert.Contains($"href=\"/login?returnUrl=%2Ft%2F{Target}\"", unsigned.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Cookies, c => c.Name == AccessMiddleware.LinkCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync($"/api/targets/{Target}")).Status);
    }

    [Fact]
    public void When_a_leader_opens_an_unsigned_or_expired_link_on_a_phone_should_see_the_refusal_and_with_a_valid_one_the_chart()
    {
        using var phone = Browser.Start(390, 844);

        phone.Driver.Navigate().GoToUrl(new Uri(Worker.BaseAddress, $"/t/{Target}"));
        Assert.Equal("链接无效", phone.Driver.FindElement(By.TagName("h1")).Text);
        phone.Driver.Navigate().GoToUrl(new Uri(Worker.BaseAddress, Signer.Sign(Target, null, clock.GetUtcNow().AddSeconds(-1))));
        Assert.Equal("链接已过期", phone.Driver.FindElement(By.TagName("h1")).Text);
        Assert.Empty(phone.Driver.FindElements(By.Id("progress-chart")));

        // The browser logs each refused page as a failed load (403); reading the log empties it, so what follows is the valid link's own.
        Assert.Equal(2, phone.ConsoleProblems().Count(p => p.Contains(" 403 ", StringComparison.Ordinal) || p.Contains("403 (Forbidden)", StringComparison.Ordinal)));
        phone.Open(new Uri(Worker.BaseAddress, Signer.Sign(Target, null, clock.GetUtcNow().AddDays(14))));
        Assert.Empty(phone.Driver.FindElements(By.CssSelector("main .error")));
        Assert.Equal("true", phone.Json("document.querySelector('#progress-chart svg') !== null"));
        Assert.Empty(phone.ConsoleProblems());
    }

    [Fact]
    public async Task When_the_configured_account_logs_in_should_let_everything_through_and_a_wrong_password_nothing()
    {
        using var browser = new Visitor(Worker.BaseAddress);

        var wrong = await browser.PostFormAsync("/login", ("name", "office"), ("password", "wrong password"), ("returnUrl", "/"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Contains("用户名或密码不正确。", wrong.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).Status);

        var right = await browser.PostFormAsync("/login", ("name", "office"), ("password", Password), ("returnUrl", "/t/" + Target));
        Assert.Equal((HttpStatusCode.Redirect, "/t/" + Target), (right.Status, right.Location));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/targets/{OtherTarget}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/t/{OtherTarget}")).Status);

        var away = await browser.PostFormAsync("/login", ("name", "office"), ("password", Password), ("returnUrl", "//evil.example.com/"));
        Assert.Equal("/", away.Location);

        await browser.GetAsync("/logout");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).Status);
    }

    [Fact]
    public async Task When_login_attempts_keep_failing_should_answer_429_after_five_a_minute()
    {
        using var browser = new Visitor(Worker.BaseAddress);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await browser.PostFormAsync("/login", ("name", "office"), ("password", $"guess {i}"))).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task When_nobody_has_logged_in_should_still_answer_health()
    {
        using var browser = new Visitor(Worker.BaseAddress);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/health/live")).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/health/ready")).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/login")).Status);
    }

    [Fact]
    public async Task When_a_request_comes_through_a_proxy_should_not_count_as_this_machine()
    {
        using var browser = new Visitor(Worker.BaseAddress);

        var proxied = await browser.GetAsync("/", ("X-Forwarded-For", "203.0.113.9"));

        Assert.Equal(HttpStatusCode.Redirect, proxied.Status);
    }

    [Fact]
    public async Task When_the_robot_posts_an_alert_should_end_it_with_a_link_to_the_units_page_that_the_gate_opens()
    {
        var alert = Outbox.UnitVisits("XN", TargetStatus.AtRisk, TargetStatus.OffTrack, AlertSeverity.Critical, 11, 18, 25, WorkerEnvironment.Start);
        await Outbox.SaveAsync(Worker, alert);

        var post = (await Eventually.UntilAsync(() => Robot.Requests.ToList(), r => r.Any(x => x.Succeeded), "the robot has taken the alert")).Single(r => r.Succeeded);
        using var body = JsonDocument.Parse(post.Body);
        var markdown = body.RootElement.GetProperty("markdown_v2").GetProperty("content").GetString()!;
        var last = markdown.Split('\n')[^1];
        Assert.StartsWith($"[查看图表](https://jy.example.edu.cn/monitor/t/{Target}?unit=XN&exp={WorkerEnvironment.Start.AddDays(14).ToUnixTimeSeconds()}&sig=", last, StringComparison.Ordinal);
        Assert.Equal(')', last[^1]);

        using var browser = new Visitor(Worker.BaseAddress);
        var link = new Uri(last["[查看图表](".Length..^1]);
        var opened = await browser.GetAsync(link.PathAndQuery[link.AbsolutePath.IndexOf("/t/", StringComparison.Ordinal)..]);
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.Contains(browser.Cookies, c => c.Name == AccessMiddleware.LinkCookie);
    }

    [Fact]
    public async Task When_no_key_is_configured_should_keep_one_in_the_database_that_every_replica_reads()
    {
        var kept = PostgresSigningKeys.LoadOrCreate(world!.Configured.Database.DataSource);

        Assert.Equal(32, kept.Length);
        Assert.Equal(kept, Worker.Services.GetRequiredService<SigningKey>().Bytes);
        Assert.Equal(kept, PostgresSigningKeys.LoadOrCreate(world.Configured.Database.DataSource));

        // A second worker signs with the kept key, so a link made by this one opens on the other.
        var other = new LinkSigner(new SigningKey(kept), clock);
        var link = new Uri(new Uri("http://localhost"), Signer.Sign(Target, null, clock.GetUtcNow().AddDays(1)));
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        Assert.Equal(LinkVerdict.Valid, other.Check(Target, null, query["exp"], query["sig"]).Verdict);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, as a browser's first answer shows them.</summary>
    private sealed class Visitor : IDisposable
    {
        private readonly CookieContainer cookies = new();
        private readonly HttpClient http;

        public Visitor(Uri baseAddress)
        {
            http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseCookies = true })
            {
                BaseAddress = baseAddress,
                Timeout = TimeSpan.FromSeconds(20),
            };
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public IEnumerable<Cookie> Cookies => cookies.GetCookies(BaseAddress);

        public async Task<Answer> GetAsync(string path, params (string Name, string Value)[] headers)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            foreach (var (name, value) in headers)
            {
                request.Headers.Add(name, value);
            }

            using var response = await http.SendAsync(request);
            return await Answer.ReadAsync(response);
        }

        public async Task<Answer> PostFormAsync(string path, params (string Name, string Value)[] fields)
        {
            using var content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
            using var response = await http.PostAsync(path, content);
            return await Answer.ReadAsync(response);
        }

        public void Dispose() => http.Dispose();
    }

    private sealed record Answer(HttpStatusCode Status, string? Location, IReadOnlyList<string> SetCookies, string Body)
    {
        public static async Task<Answer> ReadAsync(HttpResponseMessage response) => new(
            response.StatusCode,
            response.Headers.Location?.OriginalString,
            response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [],
            await response.Content.ReadAsStringAsync());
    }
}
