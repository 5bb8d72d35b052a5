namespace HeteroOrleans.Grains.Silos;

/// <summary>
/// Secrets kept in files (keys, passwords, tokens): written readable by their owner only, never over an existing one,
/// and read without the line end an editor or <c>echo</c> adds.
/// </summary>
public static class SecretFiles
{
    /// <summary>The secret in <paramref name="path"/>, without the line end after it.</summary>
    /// <exception cref="ArgumentException">The file cannot be read; the message names it and why.</exception>
    public static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{path}: cannot read it ({e.Message})");
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to a new file <paramref name="path"/>, readable by its owner only (or by all, for a public certificate).</summary>
    /// <exception cref="IOException">The file exists already.</exception>
    public static void Write(string path, byte[] bytes, bool ownerOnly = true)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = ownerOnly
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        using var file = new FileStream(path, options);
        file.Write(bytes);
    }
}
