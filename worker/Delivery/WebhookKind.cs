namespace Monitor.Worker.Delivery;

/// <summary>Which group robot a webhook belongs to; each has its own JSON body.</summary>
public enum WebhookKind
{
    /// <summary>企业微信群机器人: <c>{"msgtype":"markdown","markdown":{"content":…}}</c>.</summary>
    WeCom,

    /// <summary>钉钉群机器人: <c>{"msgtype":"markdown","markdown":{"title":…,"text":…}}</c>, optionally signed.</summary>
    DingTalk,
}
