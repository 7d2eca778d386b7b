namespace Monitor.Worker.Settings;

/// <summary>A configuration or seed file is wrong; the message says where and how to fix it. Start-up stops.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException()
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
