namespace Jarvis.Automation.Automations.Parsing;

/// <summary>The keys of one mapping as they are read: each taken once; whatever is left when <see cref="Done"/> is called is refused by path.</summary>
internal sealed class Fields(MappingNode map, string path, List<DefinitionError> errors)
{
    private readonly HashSet<string> _taken = [];

    public string Path => path;

    public MappingNode Map => map;

    public string At(string key) => path.Length == 0 ? key : $"{path}.{key}";

    public bool Has(params string[] keys) => keys.Any(map.Has);

    /// <summary>The value of the first of <paramref name="keys"/> written (its synonyms: <c>triggers</c>/<c>trigger</c>); two of them is an error.</summary>
    public DefinitionNode? Take(params string[] keys)
    {
        DefinitionNode? found = null;
        string? foundKey = null;
        foreach (var key in keys)
        {
            _taken.Add(key);
            if (map[key] is { } value)
            {
                if (found is not null)
                {
                    errors.Add(new DefinitionError(At(key), $"'{key}' and '{foundKey}' say the same; write one of them"));
                    continue;
                }

                found = value;
                foundKey = key;
            }
        }

        return found;
    }

    public string KeyOf(params string[] keys) => keys.FirstOrDefault(map.Has) ?? keys[0];

    public void Done()
    {
        foreach (var (key, _) in map.Entries)
        {
            if (!_taken.Contains(key))
            {
                errors.Add(new DefinitionError(At(key), $"'{key}' is not supported here"));
            }
        }
    }
}
