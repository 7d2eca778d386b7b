namespace Monitor.Worker.Tools.Import;

/// <summary>The file or an option of an import is wrong as a whole (not found, a required column missing): nothing was imported.</summary>
public sealed class ImportException : Exception
{
    public ImportException(string message)
        : base(message)
    {
    }

    public ImportException()
    {
    }

    public ImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
