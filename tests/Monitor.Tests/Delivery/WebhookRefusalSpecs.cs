using System.Net;
using Monitor.Worker.Delivery;
using NSubstitute;

namespace Monitor.Tests.Delivery;

/// <summary>Which answers a retry can heal (thrown as <see cref="WebhookException"/>) and which it cannot (<see cref="WebhookRejectedException"/>).</summary>
public class WebhookRefusalSpecs
{
    private static readonly WebhookOptions Robot = new() { Name = "leaders-wecom", Kind = WebhookKind.WeCom, Url = "https://qyapi.example/cgi-bin/webhook/send?key=secret-key" };

    [Theory]
    [InlineData(200, """{"errcode":93000,"errmsg":"invalid webhook url"}""")]
    [InlineData(200, """{"errcode":300001,"errmsg":"token is not exist"}""")]
    [InlineData(200, """{"errcode":310000,"errmsg":"sign not match"}""")]
    [InlineData(400, "bad request")]
    [InlineData(404, "not found")]
    public async Task When_the_robot_refuses_the_webhook_itself_should_throw_a_refusal_naming_the_webhook_but_not_its_address(int status, string answer)
    {
        var ex = await Assert.ThrowsAsync<WebhookRejectedException>(() => Post(status, answer));

        Assert.StartsWith("Webhook 'leaders-wecom' answered ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, """{"errcode":130101,"errmsg":"send too fast"}""")]
    [InlineData(200, """{"errcode":45009,"errmsg":"api freq out of limit"}""")]
    [InlineData(200, """{"errcode":-1,"errmsg":"system busy"}""")]
    [InlineData(200, "<html>gateway</html>")]
    [InlineData(429, "too many requests")]
    [InlineData(408, "timeout")]
    [InlineData(500, "error")]
    [InlineData(502, "bad gateway")]
    public async Task When_the_robot_is_busy_or_failing_should_throw_a_failure_that_is_retried(int status, string answer)
    {
        var ex = await Assert.ThrowsAsync<WebhookException>(() => Post(status, answer));

        Assert.StartsWith("Webhook 'leaders-wecom' answered ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_robot_answers_errcode_0_should_not_throw() => await Post(200, """{"errcode":0,"errmsg":"ok"}""");

    private static async Task Post(int status, string answer)
    {
        using var handler = new Answering((HttpStatusCode)status, answer);
        using var http = new HttpClient(handler);
        var factory = Substitute.For<IHttpClientFactory>();
        factory.CreateClient(WebhookClient.HttpClientName).Returns(http);
        await new WebhookClient(factory, TimeProvider.System).PostAsync(Robot, new WebhookMessage("t", "x"), CancellationToken.None);
    }

    private sealed class Answering(HttpStatusCode status, string answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(answer) });
    }
}
