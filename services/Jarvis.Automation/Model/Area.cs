namespace Jarvis.Automation.Model;

public sealed record Area(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
