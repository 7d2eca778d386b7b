namespace Monitor.Tests.Support;

/// <summary>Files of the repository itself (the seeds), found by walking up to the folder holding Monitor.sln.</summary>
internal static class RepositoryFiles
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Monitor.sln")))
            {
                return System.IO.Path.Combine([dir.FullName, .. parts]);
            }
        }

        throw new InvalidOperationException($"Monitor.sln not found above {AppContext.BaseDirectory}");
    }
}
