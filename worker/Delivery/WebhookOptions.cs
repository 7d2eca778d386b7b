using Monitor.Messages;

namespace Monitor.Worker.Delivery;

/// <summary>One group-robot webhook (an entry of <c>Monitor:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>A unique name; it identifies the webhook in logs and in the delivery records (so keep it when the URL changes).</summary>
    public string Name { get; set; } = "";

    /// <summary>WeCom or DingTalk.</summary>
    public WebhookKind? Kind { get; set; }

    /// <summary>The robot's webhook address, with its key or access token.</summary>
    public string Url { get; set; } = "";

    /// <summary>DingTalk only: the robot's signing secret (加签), when the robot has one.</summary>
    public string? Secret { get; set; }

    /// <summary>Post alerts (TargetStatusChanged).</summary>
    public bool Alerts { get; set; } = true;

    /// <summary>Post the daily digest.</summary>
    public bool Digests { get; set; } = true;

    /// <summary>Alerts below this severity are not posted to this webhook.</summary>
    public AlertSeverity MinimumSeverity { get; set; } = AlertSeverity.Info;

    public bool Wants(TargetStatusChanged alert) => Alerts && alert.Severity >= MinimumSeverity;
}
