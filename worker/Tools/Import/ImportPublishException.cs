namespace Monitor.Worker.Tools.Import;

/// <summary>The broker refused a message or did not confirm it in time: the import stopped part-way.</summary>
public sealed class ImportPublishException : Exception
{
    public ImportPublishException(string message)
        : base(message)
    {
    }

    public ImportPublishException()
    {
    }

    public ImportPublishException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
