using System.Diagnostics;
using Jarvis.AppHost.Hosting;
using Npgsql;

namespace Jarvis.AppHost.Resources;

/// <summary>
/// PostgreSQL from Debian's <c>postgresql</c> package, data in <c>.jarvis/postgres</c>. As root it
/// runs as the <c>postgres</c> account. Services log in as the <c>jarvis</c> role, never as the superuser.
/// </summary>
public sealed class PostgresServerResource(string name) : ExecutableResource(name)
{
    public const string ApplicationRole = "jarvis";
    private string _bin = "";
    private HostContext? _context;

    public override string Kind => "PostgreSQL";

    public override int StopSignal => UnixProcess.SigInt; // "fast" shutdown: clean, without waiting for clients

    public IList<string> Databases { get; } = [];

    internal int Port => PrimaryEndpoint().Port;

    private HostContext Context => _context ?? throw new InvalidOperationException("The server has not been prepared.");

    private string DataDirectory => Context.Layout.State("postgres", "data");

    private string SocketDirectory => Context.Layout.State("postgres", "run");

    public string SuperuserPassword => Context.Secrets.GetOrCreate("postgres-superuser-password");

    public string ApplicationPassword => Context.Secrets.GetOrCreate("postgres-jarvis-password");

    public string SuperuserConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Password = SuperuserPassword,
        Database = database,
        Timeout = 3,
        Pooling = false,
    }.ConnectionString;

    public string ApplicationConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ApplicationRole,
        Password = ApplicationPassword,
        Database = database,
    }.ConnectionString;

    public override void Validate()
    {
        _bin = BinaryLocator.PostgresBinDirectory();
        if (UnixProcess.IsRoot && SystemUser.Find("postgres") is null)
        {
            throw new MissingBinaryException("the 'postgres' account", "postgresql");
        }
    }

    protected override IReadOnlyList<ResourceEndpoint> CreateEndpoints(int replica, HostContext context)
    {
        _context = context;
        var configured = context.Configuration.GetValue<int?>($"{Name}:Port");
        return [new ResourceEndpoint("tcp", "tcp", "127.0.0.1", context.Ports.For(Name, configured))];
    }

    public override async Task PrepareAsync(HostContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var account = HostContext.ServiceAccount("postgres");
        var root = context.Layout.State("postgres");
        foreach (var dir in new[] { root, DataDirectory, SocketDirectory })
        {
            Directory.CreateDirectory(dir);
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (account is not null)
            {
                UnixProcess.ChangeOwner(dir, account);
            }
        }

        await StopLeftoverServerAsync(cancellationToken);

        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await InitialiseClusterAsync(account, root, cancellationToken);
        }
    }

    public override ProcessSpec CreateProcess(int replica, HostContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var args = new List<string>
        {
            "-D", DataDirectory,
            "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", $"unix_socket_directories={SocketDirectory}",
            "-c", "logging_collector=off",
            "-c", "max_connections=200",
        };
        if (context.Testing)
        {
            // Throwaway test clusters: speed over crash safety.
            args.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        return new ProcessSpec
        {
            FileName = Path.Combine(_bin, "postgres"),
            Arguments = args,
            RunAs = HostContext.ServiceAccount("postgres"),
        };
    }

    public override async Task<bool> IsHealthyAsync(int replica, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(SuperuserConnectionString());
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            return (int?)await command.ExecuteScalarAsync(cancellationToken) == 1;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
        {
            return false;
        }
    }

    /// <summary>Creates the application role and every declared database; safe to repeat.</summary>
    public override async Task OnHealthyAsync(HostContext context, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString());
        await connection.OpenAsync(cancellationToken);
        // The password holds only base64url characters, so it is safe inside the literal.
        await Execute(connection, $"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ApplicationRole}') THEN
                CREATE ROLE {ApplicationRole} LOGIN;
              END IF;
            END $$;
            ALTER ROLE {ApplicationRole} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{ApplicationPassword}';
            """, cancellationToken);
        foreach (var database in Databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.AddWithValue(database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await Execute(connection, $"CREATE DATABASE \"{database}\" OWNER {ApplicationRole} ENCODING 'UTF8'", cancellationToken);
                await Execute(connection, $"REVOKE ALL ON DATABASE \"{database}\" FROM PUBLIC", cancellationToken);
            }
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task InitialiseClusterAsync(SystemUser? account, string root, CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(root, "initdb-password");
        await File.WriteAllTextAsync(passwordFile, SuperuserPassword, cancellationToken);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (account is not null)
        {
            UnixProcess.ChangeOwner(passwordFile, account);
        }

        try
        {
            var args = new List<string>
            {
                "-D", DataDirectory, "-U", "postgres", "--auth=scram-sha-256",
                $"--pwfile={passwordFile}", "--encoding=UTF8", "--locale=C.UTF-8",
            };
            if (Context.Testing)
            {
                args.Add("--no-sync");
            }

            var result = await ProcessLauncher.RunToEndAsync(
                new ProcessSpec { FileName = Path.Combine(_bin, "initdb"), Arguments = args, RunAs = account }, cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"initdb failed ({result.ExitCode}): {result.Output}" +
                    (account is null ? "" : $"\nThe 'postgres' account must be able to reach {DataDirectory}: every parent directory needs o+x."));
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>A server left running by an AppHost that was killed holds the data directory: stop it cleanly.</summary>
    private async Task StopLeftoverServerAsync(CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)
            || !int.TryParse((await File.ReadAllLinesAsync(pidFile, cancellationToken)).FirstOrDefault(), out var pid)
            || !UnixProcess.IsAlive(pid))
        {
            return;
        }

        UnixProcess.Signal(pid, UnixProcess.SigInt);
        var watch = Stopwatch.StartNew();
        while (UnixProcess.IsAlive(pid) && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100, cancellationToken);
        }
    }
}
