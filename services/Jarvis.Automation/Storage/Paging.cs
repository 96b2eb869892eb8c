using Jarvis.Automation.Model;

namespace Jarvis.Automation.Storage;

internal static class Paging
{
    /// <summary>Stores fetch one row more than asked: its presence says there is a next page.</summary>
    public static Page<T> Cut<T>(List<T> rows, int limit, Func<T, string> cursor)
    {
        if (rows.Count <= limit)
        {
            return new Page<T>(rows, limit, null);
        }

        rows.RemoveAt(rows.Count - 1);
        return new Page<T>(rows, limit, cursor(rows[^1]));
    }
}
