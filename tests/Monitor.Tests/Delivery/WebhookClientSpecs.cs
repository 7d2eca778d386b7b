using System.Text.Json;
using Monitor.Worker.Delivery;

namespace Monitor.Tests.Delivery;

public class WebhookClientSpecs
{
    [Fact]
    public void When_posting_markdown_with_lists_should_send_WeCom_markdown_v2_content_and_DingTalk_markdown_with_a_title()
    {
        var message = new WebhookMessage("标题", "### 正文\n\n- 一\n- 二");

        using var wecom = JsonDocument.Parse(WebhookClient.Body(WebhookKind.WeCom, message));
        using var dingtalk = JsonDocument.Parse(WebhookClient.Body(WebhookKind.DingTalk, message));

        // WeCom's first markdown shows "- " lines as they are; markdown_v2 renders lists (and has no title).
        Assert.Equal("markdown_v2", wecom.RootElement.GetProperty("msgtype").GetString());
        Assert.Equal(message.Text, wecom.RootElement.GetProperty("markdown_v2").GetProperty("content").GetString());
        Assert.False(wecom.RootElement.TryGetProperty("markdown", out _));
        Assert.False(wecom.RootElement.GetProperty("markdown_v2").TryGetProperty("title", out _));
        Assert.Equal("markdown", dingtalk.RootElement.GetProperty("msgtype").GetString());
        Assert.Equal("标题", dingtalk.RootElement.GetProperty("markdown").GetProperty("title").GetString());
        Assert.Equal(message.Text, dingtalk.RootElement.GetProperty("markdown").GetProperty("text").GetString());
    }

    [Fact]
    public void When_posting_an_image_should_send_WeCom_its_base64_and_the_lower_case_hex_md5_of_the_raw_bytes()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

        using var body = JsonDocument.Parse(WebhookClient.ImageBody(png));

        // Computed independently: printf '\x89PNG\r\n\x1a\n\x01\x02\x03' | md5sum
        Assert.Equal("image", body.RootElement.GetProperty("msgtype").GetString());
        Assert.Equal(png, Convert.FromBase64String(body.RootElement.GetProperty("image").GetProperty("base64").GetString()!));
        Assert.Equal("8ca92d7f177036b4a00594a4aa98468e", body.RootElement.GetProperty("image").GetProperty("md5").GetString());
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
