namespace Jarvis.Automation.Model;

/// <summary>A validated <c>limit</c> and <c>before</c> cursor.</summary>
public readonly record struct PageRequest<TCursor>(int Limit, TCursor? Before) where TCursor : struct
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;
}
