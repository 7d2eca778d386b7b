using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Monitor.Worker.Delivery;

/// <summary>
/// Posts one markdown message to a WeCom or DingTalk group robot. Success is HTTP 200 with <c>"errcode": 0</c>; anything
/// else throws <see cref="WebhookException"/> (retried), or <see cref="WebhookRejectedException"/> when a retry cannot
/// heal it (<see cref="IsPermanent(int)"/>, <see cref="PermanentErrcodes"/>). The address (it holds the robot's key)
/// never appears in a message.
/// </summary>
public sealed class WebhookClient(IHttpClientFactory httpClients, TimeProvider clock)
{
    public const string HttpClientName = "webhooks";

    /// <summary>
    /// The robots' answers that mean the webhook itself is wrong, not busy: WeCom 93000 (invalid webhook url: the key
    /// is wrong or the robot was removed); DingTalk 300001 (the access_token does not exist) and 310000 (the robot's
    /// security setting refused the post: signature, keyword or IP allow-list).
    /// </summary>
    public static readonly IReadOnlySet<long> PermanentErrcodes = new HashSet<long> { 93000, 300001, 310000 };

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public Task PostAsync(WebhookOptions webhook, WebhookMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(message);
        return PostBodyAsync(webhook, Body(webhook.Kind!.Value, message), cancellationToken);
    }

    /// <summary>A PNG as a WeCom image message (WeCom only: DingTalk's robots take no image data, only links to images).</summary>
    public Task PostImageAsync(WebhookOptions webhook, byte[] png, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (webhook.Kind != WebhookKind.WeCom)
        {
            throw new InvalidOperationException($"Webhook '{webhook.Name}' is {webhook.Kind}: only WeCom robots take image messages.");
        }

        return PostBodyAsync(webhook, ImageBody(png), cancellationToken);
    }

    /// <summary>WeCom's image message: <c>{"msgtype":"image","image":{"base64":…,"md5":…}}</c>, the MD5 of the raw bytes in lower-case hex (at most 2 MB).</summary>
    public static byte[] ImageBody(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("msgtype", "image");
            json.WriteStartObject("image");
            json.WriteString("base64", Convert.ToBase64String(png));
#pragma warning disable CA5351 // WeCom's image message names MD5 as its checksum; it is not used for security.
            json.WriteString("md5", Convert.ToHexStringLower(MD5.HashData(png)));
#pragma warning restore CA5351
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private async Task PostBodyAsync(WebhookOptions webhook, byte[] body, CancellationToken cancellationToken)
    {
        var url = webhook.Kind == WebhookKind.DingTalk && !string.IsNullOrEmpty(webhook.Secret)
            ? SignedUrl(webhook.Url, webhook.Secret, clock.GetUtcNow())
            : webhook.Url;

        var client = httpClients.CreateClient(HttpClientName);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsync(new Uri(url), content, cancellationToken);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebhookException($"Webhook '{webhook.Name}' did not answer within {client.Timeout.TotalSeconds:0.#} s.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new WebhookException($"Webhook '{webhook.Name}' cannot be reached: {ex.Message}", ex);
        }

        using (response)
        {
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                var status = (int)response.StatusCode;
                var reason = $"Webhook '{webhook.Name}' answered HTTP {status}: {Shorten(answer)}";
                throw IsPermanent(status) ? new WebhookRejectedException(reason) : new WebhookException(reason);
            }

            var (errcode, errmsg) = ReadAnswer(answer);
            if (errcode is null)
            {
                throw new WebhookException($"Webhook '{webhook.Name}' answered without an errcode: {Shorten(answer)}");
            }

            if (errcode != 0)
            {
                var reason = $"Webhook '{webhook.Name}' answered errcode {errcode}: {errmsg}";
                throw PermanentErrcodes.Contains(errcode.Value) ? new WebhookRejectedException(reason) : new WebhookException(reason);
            }
        }
    }

    /// <summary>
    /// An HTTP status that a retry cannot heal: a 4xx such as 400 (a body the robot cannot read) or 404 (no such
    /// address), except 408 (request timeout) and 429 (too many requests), which pass.
    /// </summary>
    public static bool IsPermanent(int status) => status is >= 400 and < 500 and not 408 and not 429;

    /// <summary>
    /// The robot's JSON: WeCom <c>{"msgtype":"markdown_v2","markdown_v2":{"content":…}}</c> (version 2 renders lists);
    /// DingTalk <c>{"msgtype":"markdown","markdown":{"title":…,"text":…}}</c>.
    /// </summary>
    public static byte[] Body(WebhookKind kind, WebhookMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (kind == WebhookKind.WeCom)
            {
                json.WriteString("msgtype", "markdown_v2");
                json.WriteStartObject("markdown_v2");
                json.WriteString("content", message.Text);
            }
            else
            {
                json.WriteString("msgtype", "markdown");
                json.WriteStartObject("markdown");
                json.WriteString("title", message.Title);
                json.WriteString("text", message.Text);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// DingTalk's signature (加签): <c>timestamp</c> in milliseconds and <c>sign</c> = URL-encoded base64 of
    /// HmacSHA256("timestamp\nsecret") keyed with the secret, added to the address's query.
    /// </summary>
    public static string SignedUrl(string url, string secret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(url);
        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var sign = Sign(timestamp, secret);
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{url}{separator}timestamp={timestamp}&sign={Uri.EscapeDataString(sign)}";
    }

    /// <summary>Base64 of HmacSHA256("timestamp\nsecret") keyed with the secret.</summary>
    public static string Sign(string timestamp, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{secret}"));
        return Convert.ToBase64String(hash);
    }

    private static (long? Errcode, string? Errmsg) ReadAnswer(string answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("errcode", out var code) || code.ValueKind != JsonValueKind.Number)
            {
                return (null, null);
            }

            return (code.GetInt64(), root.TryGetProperty("errmsg", out var message) ? message.ToString() : null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
