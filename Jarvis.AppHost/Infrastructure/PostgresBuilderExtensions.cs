using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Jarvis.AppHost.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jarvis.AppHost.Infrastructure;

/// <summary>PostgreSQL in the model, from the machine's binaries instead of a container.</summary>
public static class PostgresBuilderExtensions
{
    // Runs the server in the background and turns the stop signal (SIGTERM) into PostgreSQL's
    // "fast" shutdown (SIGINT): SIGTERM would wait for every pooled client to disconnect.
    private const string ServerScript = """
        "$0" "$@" & pid=$!
        trap 'kill -INT $pid 2>/dev/null' TERM INT
        code=0
        while kill -0 $pid 2>/dev/null; do wait $pid; code=$?; done
        exit $code
        """;

    private const string InitScript = """
        data="$1"; bin="$2"; major="$3"; pwfile="$4"; sync="$5"
        if [ ! -w "$data" ]; then
          echo "PostgreSQL's account ($(id -un)) cannot write $data: every parent directory needs o+x." >&2
          exit 1
        fi
        if [ -f "$data/PG_VERSION" ]; then
          rm -f "$pwfile"
          have=$(cat "$data/PG_VERSION")
          if [ "$have" != "$major" ]; then
            echo "$data holds a PostgreSQL $have cluster, but this machine's server is PostgreSQL $major: upgrade it with pg_upgrade, or move the directory away to start empty." >&2
            exit 1
          fi
          if [ -f "$data/postmaster.pid" ]; then
            pid=$(head -n 1 "$data/postmaster.pid")
            if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
              echo "Stopping the server an earlier AppHost left running (pid $pid)."
              kill -INT "$pid"
              i=0
              while kill -0 "$pid" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done
            fi
          fi
          echo "Data directory ready (PostgreSQL $major)."
          exit 0
        fi
        "$bin/initdb" -D "$data" -U postgres --auth=scram-sha-256 --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 $sync
        code=$?
        rm -f "$pwfile"
        exit $code
        """;

    /// <summary>
    /// A PostgreSQL server (as the <c>postgres</c> account when run as root) on a remembered loopback
    /// port (<c>{name}:Port</c> fixes one), after an init step that prepares its data directory.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var jarvis = JarvisContext.Of(builder);
        var account = ServiceAccount.For("postgres");
        var root = jarvis.Layout.State("postgres");
        var data = Path.Combine(root, "data");
        var sockets = Path.Combine(root, "run");
        var passwordFile = Path.Combine(root, "initdb-password");
        var postgres = DebianBinary.Postgres("postgres");
        var bin = Path.GetDirectoryName(postgres.Path) ?? "";
        var major = int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var m) ? m.ToString(CultureInfo.InvariantCulture) : "";
        var port = jarvis.PortFor(name);

        var (initCommand, initArgs) = ServiceAccount.Wrap(account, "/bin/sh", "-c", InitScript, "init",
            data, bin, major, passwordFile, jarvis.Testing ? "--no-sync" : "");
        var init = builder.AddResource(new PostgresInitResource($"{name}-init", initCommand, "/"))
            .WithArgs(initArgs)
            .OnBeforeResourceStarted((_, _, _) =>
            {
                foreach (var dir in new[] { root, data, sockets })
                {
                    Directory.CreateDirectory(dir);
                    File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    ServiceAccount.Own(dir, account);
                }

                if (!File.Exists(Path.Combine(data, "PG_VERSION")))
                {
                    SecretFile.Write(passwordFile, jarvis.Secrets.GetOrCreate("postgres-superuser-password"));
                    ServiceAccount.Own(passwordFile, account);
                }

                return Task.CompletedTask;
            });

        var args = new List<string>
        {
            "-D", data,
            "-p", port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", $"unix_socket_directories={sockets}",
            "-c", "logging_collector=off",
            "-c", "max_connections=200",
        };
        if (jarvis.Testing)
        {
            // Throwaway test clusters: speed over crash safety.
            args.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        var (command, wrapped) = ServiceAccount.Wrap(account, "/bin/sh", ["-c", ServerScript, postgres.Path, .. args]);
        var server = new PostgresServerResource(name, command, "/", port, jarvis.Secrets);
        var healthKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthKey, async ct =>
            await PostgresProbe.CanQueryAsync(server.SuperuserConnectionString(), ct)
                ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
                : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("PostgreSQL does not answer yet."));

        var resource = builder.AddResource(server)
            .WithArgs(wrapped)
            .WithEndpoint(name: PostgresServerResource.EndpointName, port: port, targetPort: port, scheme: "tcp", isProxied: false)
            .WithHealthCheck(healthKey)
            .WaitForCompletion(init);
        if (postgres.Missing is not null)
        {
            resource.WithAnnotation(postgres.Missing);
        }

        return resource;
    }

    /// <summary>A database owned by the <c>jarvis</c> role, created once the server is healthy.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.Databases.Add(database);
        var healthKey = $"{name}_check";
        server.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(healthKey, async ct =>
            await PostgresProbe.CanQueryAsync(database.GetSecretConnectionString(), ct)
                ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
                : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy($"Database {database.DatabaseName} is not reachable as {PostgresServerResource.ApplicationRole} yet."));
        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new("database", database.DatabaseName)],
            })
            .WithHealthCheck(healthKey)
            .OnInitializeResource((db, e, ct) =>
            {
                // A child resource has no process: it runs once its server is healthy and the database
                // exists. Initialisation must not wait for that, so the waiting happens beside it.
                _ = Task.Run(async () =>
                {
                    try
                    {
                        var server = await e.Notifications.WaitForResourceAsync(db.Parent.Name, s =>
                            s.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                            || s.Snapshot.State?.Text == KnownResourceStates.FailedToStart
                            || s.Snapshot.State?.Text == KnownResourceStates.Finished, ct);
                        if (server.Snapshot.HealthStatus != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
                        {
                            // Those waiting for the database must learn that it will not come.
                            await e.Notifications.PublishUpdateAsync(db, s => s with { State = KnownResourceStates.FailedToStart });
                            return;
                        }

                        await db.Parent.CreateRoleAndDatabasesAsync(ct);
                        await e.Notifications.PublishUpdateAsync(db, s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow });
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested)
                    {
                    }
                    catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
                    {
                        e.Logger.LogError(ex, "Could not create database {Database}.", db.DatabaseName);
                        await e.Notifications.PublishUpdateAsync(db, s => s with { State = KnownResourceStates.FailedToStart });
                    }
                }, ct);
                return Task.CompletedTask;
            });
    }
}
