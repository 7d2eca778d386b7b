using System.Globalization;
using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;

namespace Monitor.Worker.Delivery;

/// <summary>
/// The webhooks alerts and digests are posted to (<c>Monitor:Webhooks</c>), how long one post may take, and how alerts
/// are grouped and held back for them (<c>Monitor:Notifications</c>).
/// </summary>
public sealed class DeliveryOptions
{
    public const string WebhooksKey = MonitorOptions.SectionName + ":Webhooks";

    public List<WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>How long one post may take before it is abandoned and retried.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public NotificationOptions Notifications { get; set; } = new();

    /// <summary>
    /// Reads and checks the settings; every problem is reported at once, each naming its key. A webhook's Institution and
    /// Unit are checked against <paramref name="institutions"/>.
    /// </summary>
    public static DeliveryOptions Load(IConfiguration configuration, InstitutionCatalog institutions)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(institutions);
        var options = new DeliveryOptions();
        var errors = new List<string>();
        var notifications = configuration.GetSection(NotificationOptions.SectionName);
        try
        {
            notifications.Bind(options.Notifications);
        }
        catch (InvalidOperationException ex)
        {
            errors.Add($"{NotificationOptions.SectionName} cannot be read: {ex.Message} (GroupWait, CheckEvery: durations such as 00:00:30; QuietHours:From, Until: times such as 22:00; Holidays, WorkingDays: dates such as 2024-10-01)");
        }

        var timeout = configuration.GetSection(MonitorOptions.SectionName + ":WebhookTimeout");
        if (timeout.Value is not null)
        {
            if (TimeSpan.TryParse(timeout.Value, CultureInfo.InvariantCulture, out var value))
            {
                options.WebhookTimeout = value;
            }
            else
            {
                errors.Add($"{timeout.Path} '{timeout.Value}' is not a duration such as 00:00:10.");
            }
        }

        // Each entry on its own: binding the whole list would silently drop an entry with a value it cannot convert.
        var keys = new List<string>();
        foreach (var entry in configuration.GetSection(WebhooksKey).GetChildren())
        {
            var webhook = new WebhookOptions();
            try
            {
                entry.Bind(webhook);
            }
            catch (InvalidOperationException ex)
            {
                errors.Add($"{entry.Path} cannot be read: {ex.Message} (Kind: WeCom | DingTalk; MinimumSeverity: Info | Warning | Critical; Alerts, Digests, QuietHours: true | false)");
                continue;
            }

            webhook.Institution = string.IsNullOrWhiteSpace(webhook.Institution) ? null : webhook.Institution;
            webhook.Unit = string.IsNullOrWhiteSpace(webhook.Unit) ? null : webhook.Unit;
            options.Webhooks.Add(webhook);
            keys.Add(entry.Path);
        }

        errors.AddRange(options.Validate(institutions, keys));
        return errors.Count == 0
            ? options
            : throw new ConfigurationException($"The robot settings ({WebhooksKey}, {NotificationOptions.SectionName}) have {errors.Count} error(s):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", errors)}");
    }

    /// <summary>Checks the entries; <paramref name="keys"/> names each entry in the messages (by default Monitor:Webhooks:index).</summary>
    public IReadOnlyList<string> Validate(InstitutionCatalog institutions, IReadOnlyList<string>? keys = null)
    {
        ArgumentNullException.ThrowIfNull(institutions);
        var errors = new List<string>();
        if (WebhookTimeout < TimeSpan.FromSeconds(1) || WebhookTimeout > TimeSpan.FromMinutes(2))
        {
            errors.Add($"{MonitorOptions.SectionName}:WebhookTimeout must be between 00:00:01 and 00:02:00 (got {WebhookTimeout}).");
        }

        if (Notifications.GroupWait < TimeSpan.Zero || Notifications.GroupWait > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{NotificationOptions.SectionName}:GroupWait must be between 00:00:00 and 00:10:00 (got {Notifications.GroupWait}).");
        }

        if (Notifications.CheckEvery < TimeSpan.FromMilliseconds(100) || Notifications.CheckEvery > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{NotificationOptions.SectionName}:CheckEvery must be between 00:00:00.1 and 00:01:00 (got {Notifications.CheckEvery}).");
        }

        var both = Notifications.QuietHours.Holidays.Intersect(Notifications.QuietHours.WorkingDays).Order().ToList();
        if (both.Count > 0)
        {
            errors.Add($"{NotificationOptions.SectionName}:QuietHours lists {string.Join(", ", both.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))} both as a holiday and as a working day.");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Webhooks.Count; i++)
        {
            var hook = Webhooks[i];
            var key = keys is not null && i < keys.Count ? keys[i] : string.Create(CultureInfo.InvariantCulture, $"{WebhooksKey}:{i}");
            if (string.IsNullOrWhiteSpace(hook.Name))
            {
                errors.Add($"{key}:Name is required: a unique name such as \"leaders-wecom\".");
            }
            else if (hook.Name.Length > 100)
            {
                errors.Add($"{key}:Name is longer than 100 characters.");
            }
            else if (!names.Add(hook.Name))
            {
                errors.Add($"{key}:Name '{hook.Name}' is used by another webhook; names must be unique.");
            }

            if (hook.Kind is null)
            {
                errors.Add($"{key}:Kind is required: WeCom or DingTalk.");
            }

            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add($"{key}:Url must be an absolute http(s) address, e.g. https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…; the address is not repeated here because it holds the robot's key.");
            }

            if (hook.Kind == WebhookKind.WeCom && !string.IsNullOrEmpty(hook.Secret))
            {
                errors.Add($"{key}:Secret is for DingTalk robots only; a WeCom robot is identified by the key in its Url.");
            }

            if (!hook.Alerts && !hook.Digests)
            {
                errors.Add($"{key}: Alerts and Digests are both false, so nothing would be posted; set one of them to true or remove the webhook.");
            }

            if (!Enum.IsDefined(hook.MinimumSeverity))
            {
                errors.Add($"{key}:MinimumSeverity must be Info, Warning or Critical.");
            }

            var institution = institutions.Find(hook.Institution);
            if (hook.Institution is not null && institution is null)
            {
                errors.Add($"{key}:Institution '{hook.Institution}' is not a configured institution ({string.Join(", ", institutions.All.Select(i => i.Id))}).");
            }
            else if (hook.Unit is not null && institution is null)
            {
                errors.Add($"{key}:Unit '{hook.Unit}' needs Institution: the institution the unit belongs to.");
            }
            else if (hook.Unit is not null && institution!.FindUnit(hook.Unit) is null)
            {
                errors.Add($"{key}:Unit '{hook.Unit}' is not a unit of {institution.Id} ({string.Join(", ", institution.Units.Select(u => u.Code))}).");
            }
        }

        return errors;
    }

    public bool AnyAlerts => Webhooks.Any(w => w.Alerts);

    public bool AnyDigests => Webhooks.Any(w => w.Digests);
}
