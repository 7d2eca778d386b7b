namespace Monitor.Worker.Delivery;

/// <summary>A webhook did not take a post (HTTP error, a non-zero errcode such as a rate limit, no answer in time); retried.</summary>
public sealed class WebhookException : Exception
{
    public WebhookException(string message)
        : base(message)
    {
    }

    public WebhookException()
    {
    }

    public WebhookException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
