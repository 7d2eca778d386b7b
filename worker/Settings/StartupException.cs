namespace Monitor.Worker.Settings;

/// <summary>A server the worker needs is unreachable or refuses it; the message names the server and what to check.</summary>
public sealed class StartupException : Exception
{
    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException()
    {
    }

    public StartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
