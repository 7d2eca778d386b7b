using Microsoft.Extensions.Configuration.Json;

namespace Monitor.Worker.Tools.Common;

/// <summary>
/// The host builder every command starts from. The content root stays the current folder (relative CSV and seed paths
/// are read from where the command is started), and <c>appsettings.json</c> beside the executable is read as well, so
/// the built executable finds its settings from any folder. Later sources win: an <c>appsettings.json</c> in the
/// current folder, then environment variables, then <c>--Section:Key</c> options.
/// </summary>
public static class CommandHost
{
    public const string SettingsFile = "appsettings.json";

    /// <summary>A host builder with the command's configuration overrides; <paramref name="contentRoot"/> and <paramref name="baseDirectory"/> default to the current folder and the executable's folder.</summary>
    public static HostApplicationBuilder CreateBuilder(HostArguments arguments, string? contentRoot = null, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. arguments.Configuration],
            ContentRootPath = contentRoot,
        });
        AddSettingsBesideExecutable(builder.Configuration, builder.Environment.ContentRootPath, baseDirectory ?? AppContext.BaseDirectory);
        return builder;
    }

    /// <summary>The worker's own host: the same configuration as <see cref="CreateBuilder"/>, on ASP.NET Core (it serves health and pages).</summary>
    public static WebApplicationBuilder CreateWebBuilder(HostArguments arguments, string? contentRoot = null, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. arguments.Configuration],
            ContentRootPath = contentRoot,
        });
        AddSettingsBesideExecutable(builder.Configuration, builder.Environment.ContentRootPath, baseDirectory ?? AppContext.BaseDirectory);
        return builder;
    }

    /// <summary>
    /// Puts <c>appsettings.json</c> from <paramref name="baseDirectory"/> just before the content root's own
    /// <c>appsettings.json</c>, so every source the host already has takes precedence over it.
    /// </summary>
    public static void AddSettingsBesideExecutable(IConfigurationBuilder configuration, string contentRoot, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var beside = Path.GetFullPath(Path.Combine(baseDirectory, SettingsFile));
        if (string.Equals(beside, Path.GetFullPath(Path.Combine(contentRoot, SettingsFile)), StringComparison.Ordinal))
        {
            return;
        }

        var source = new JsonConfigurationSource { Path = beside, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        var sources = configuration.Sources;
        var index = 0;
        while (index < sources.Count && sources[index] is not JsonConfigurationSource { Path: SettingsFile })
        {
            index++;
        }

        sources.Insert(index == sources.Count ? 0 : index, source);
    }
}
