namespace Monitor.Worker.Settings;

/// <summary>Where the seed files named in the settings are: relative to the working folder, else to the worker's folder.</summary>
public static class SeedFiles
{
    public static string Path(string path)
    {
        if (System.IO.Path.IsPathRooted(path) || File.Exists(path))
        {
            return path;
        }

        var beside = System.IO.Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(beside) ? beside : path;
    }
}
