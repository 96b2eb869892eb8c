using Jarvis.AppHost.Hosting;

namespace Jarvis.AppHost.Testing;

/// <summary>
/// The role Aspire.Hosting.Testing plays: a builder whose state lives in a throwaway directory,
/// with free ports everywhere (the gateway's too) and no dashboard unless asked for.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <summary>An empty model; add resources, or call <c>Program.Describe</c> for the whole of Jarvis.</summary>
    public static DistributedApplicationBuilder Create(string? stateDirectory = null, params string[] args)
    {
        var state = stateDirectory ?? Path.Combine(Path.GetTempPath(), "jarvis-test-" + Guid.NewGuid().ToString("N")[..12]);
        var root = RepositoryLayout.Metadata("Jarvis.RepositoryRoot");
        return new DistributedApplicationBuilder(new DistributedApplicationOptions
        {
            Args = ["--Gateway:Port=0", "--Dashboard:Port=0", .. args],
            Layout = new RepositoryLayout(root, state),
            Testing = true,
            DashboardEnabled = false,
            StartTimeout = TimeSpan.FromSeconds(90),
        });
    }

    /// <summary>The whole Jarvis model, as <c>dotnet run --project Jarvis.AppHost</c> declares it.</summary>
    public static DistributedApplicationBuilder CreateJarvis(string? stateDirectory = null, params string[] args)
    {
        var builder = Create(stateDirectory, args);
        Program.Describe(builder);
        return builder;
    }
}
