namespace Monitor.Worker.Delivery;

/// <summary>What is posted: a title (DingTalk shows it in the chat list; WeCom has none) and the markdown text.</summary>
public sealed record WebhookMessage(string Title, string Text);
