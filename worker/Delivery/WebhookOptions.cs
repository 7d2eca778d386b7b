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

    /// <summary>Only this institution's alerts and digest; null for every institution.</summary>
    public string? Institution { get; set; }

    /// <summary>
    /// Only this unit's alerts (not the institution's own, nor other units'), and the digest's lines of this unit: a
    /// dean's group. Needs <see cref="Institution"/>.
    /// </summary>
    public string? Unit { get; set; }

    /// <summary>Keep the quiet hours (Monitor:Notifications:QuietHours); false posts at any hour.</summary>
    public bool QuietHours { get; set; } = true;

    /// <summary>Whether this webhook takes the alert: alerts on, at least its minimum severity, and of its institution and unit.</summary>
    public bool Wants(TargetStatusChanged alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return Alerts && alert.Severity >= MinimumSeverity && Covers(alert.InstitutionId, alert.UnitCode);
    }

    /// <summary>Whether this webhook takes the institution's digest.</summary>
    public bool WantsDigest(string institutionId) => Digests && (Institution is null || Institution == institutionId);

    /// <summary>Whether the scope (institution, unit or null) is this webhook's.</summary>
    public bool Covers(string institutionId, string? unitCode) =>
        (Institution is null || Institution == institutionId) && (Unit is null || Unit == unitCode);
}
