namespace Monitor.Worker.Delivery;

/// <summary>
/// A webhook refused a post in a way that a retry cannot heal (an invalid address, key or token, a refused signature,
/// HTTP 400 or 404): the message goes to that webhook's <c>_error</c> queue at once, without retries.
/// </summary>
public sealed class WebhookRejectedException : Exception
{
    public WebhookRejectedException(string message)
        : base(message)
    {
    }

    public WebhookRejectedException()
    {
    }

    public WebhookRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
