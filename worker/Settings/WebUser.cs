namespace Monitor.Worker.Settings;

/// <summary>An account that may log in to the pages (<c>Monitor:Web:Users:N</c>): a name and its password's hash, never the password.</summary>
public sealed class WebUser
{
    public string Name { get; set; } = "";

    /// <summary>ASP.NET Core Identity's password hash (PBKDF2 with a salt, format version 3), as <c>web-password</c> prints it.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Whether <paramref name="hash"/> has the form of Identity's version 3 hash (base64, marker byte 0x01, salt and subkey).</summary>
    public static bool IsHash(string? hash)
    {
        if (string.IsNullOrWhiteSpace(hash))
        {
            return false;
        }

        var bytes = new byte[hash.Length];

        // Marker (1) + PRF (4) + iterations (4) + salt length (4) + at least 16 bytes of salt and 16 of subkey.
        return Convert.TryFromBase64String(hash.Trim(), bytes, out var length) && length >= 45 && bytes[0] == 0x01;
    }
}
