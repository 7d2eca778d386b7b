using System.Text.Json;
using Monitor.Worker.Delivery;

namespace Monitor.Tests.Delivery;

public class WebhookClientSpecs
{
    [Fact]
    public void When_a_message_is_posted_should_give_WeCom_markdown_content_and_DingTalk_a_title_and_text()
    {
        var message = new WebhookMessage("标题", "### 正文");

        using var wecom = JsonDocument.Parse(WebhookClient.Body(WebhookKind.WeCom, message));
        using var dingtalk = JsonDocument.Parse(WebhookClient.Body(WebhookKind.DingTalk, message));

        Assert.Equal("markdown", wecom.RootElement.GetProperty("msgtype").GetString());
        Assert.Equal("### 正文", wecom.RootElement.GetProperty("markdown").GetProperty("content").GetString());
        Assert.False(wecom.RootElement.GetProperty("markdown").TryGetProperty("title", out _));
        Assert.Equal("markdown", dingtalk.RootElement.GetProperty("msgtype").GetString());
        Assert.Equal("标题", dingtalk.RootElement.GetProperty("markdown").GetProperty("title").GetString());
        Assert.Equal("### 正文", dingtalk.RootElement.GetProperty("markdown").GetProperty("text").GetString());
    }

    [Fact]
    public void When_a_DingTalk_post_is_signed_should_sign_with_the_url_encoded_base64_HmacSHA256_of_timestamp_newline_secret()
    {
        // Computed independently: printf '1718416800000\nSECtest' | openssl dgst -sha256 -hmac SECtest -binary | base64
        const string expected = "LXLhEsA67lNZUnLQOYydTqXyFVHNm6ZrGM3X3NovF6g=";

        Assert.Equal(expected, WebhookClient.Sign("1718416800000", "SECtest"));
        var url = WebhookClient.SignedUrl("https://oapi.dingtalk.com/robot/send?access_token=abc", "SECtest", DateTimeOffset.FromUnixTimeMilliseconds(1718416800000));
        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1718416800000&sign=" + Uri.EscapeDataString(expected), url);
    }
}
