namespace Jarvis.Testing;

public static class TestDirectories
{
    /// <summary>Removes a test's state directory; a leftover file is not worth failing a test for.</summary>
    public static void Delete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
