using Microsoft.Extensions.Options;

namespace Monitor.Worker.Settings;

/// <summary>How every settings class reads its section: bound and checked against its annotations at start-up, not at first use.</summary>
public static class SettingsSection
{
    /// <summary>
    /// Binds <paramref name="sectionName"/>, lets <paramref name="prepare"/> tidy what was bound, and checks the
    /// annotations. A value that cannot be bound is a <see cref="ConfigurationException"/> with the text
    /// <paramref name="unreadable"/> makes of the binder's error; a failed annotation is one with its message.
    /// </summary>
    public static T Read<T>(IConfiguration configuration, string sectionName, Func<InvalidOperationException, string> unreadable, Action<T>? prepare = null)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(unreadable);
        var options = new T();
        try
        {
            configuration.GetSection(sectionName).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException(unreadable(ex), ex);
        }

        prepare?.Invoke(options);
        var validation = new DataAnnotationValidateOptions<T>(null).Validate(null, options);
        return validation.Failed ? throw new ConfigurationException(validation.FailureMessage) : options;
    }
}
