using System.Text.Json.Nodes;
using Jarvis.Automation.Model;
using Jarvis.Automation.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Jarvis.Automation.Automations.Storage;

/// <summary>
/// Runs and their traces (<c>automation.automation_runs</c>, <c>automation.automation_run_steps</c>), the checkpoints
/// that let a run resume after a restart, pending trigger waits and the time triggers' clock.
/// </summary>
public sealed class RunStore(NpgsqlDataSource database)
{
    public async Task StartAsync(Guid runId, Guid automationId, int version, string status, JsonObject trigger, JsonObject variables, bool catchUp, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            WITH run AS (
                INSERT INTO automation.automation_runs (id, automation, version, status, trigger, variables, catch_up)
                VALUES (@id, @automation, @version, @status, @trigger, @variables, @catch_up))
            UPDATE automation.automations SET last_triggered = now() WHERE id = @automation
            """);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("automation", automationId);
        command.Parameters.AddWithValue("version", version);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.Add(Json("trigger", trigger));
        command.Parameters.Add(Json("variables", variables));
        command.Parameters.AddWithValue("catch_up", catchUp);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task MarkRunningAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("UPDATE automation.automation_runs SET status = 'running' WHERE id = @id AND status = 'queued'");
        command.Parameters.AddWithValue("id", runId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stores where the run waits (and its variables and steps so far), so that it resumes there after a restart.</summary>
    public async Task CheckpointAsync(Guid runId, JsonObject checkpoint, JsonObject variables, IReadOnlyList<TraceStep> steps, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand("UPDATE automation.automation_runs SET checkpoint = @checkpoint, variables = @variables WHERE id = @id", connection, transaction))
        {
            update.Parameters.AddWithValue("id", runId);
            update.Parameters.Add(Json("checkpoint", checkpoint));
            update.Parameters.Add(Json("variables", variables));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await InsertStepsAsync(connection, transaction, runId, steps, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Ends the run, counts its result on the automation, and keeps only the newest <paramref name="keep"/> finished runs.</summary>
    public async Task FinishAsync(Guid runId, Guid automationId, string status, string? error, JsonObject variables, IReadOnlyList<TraceStep> steps, int keep, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertStepsAsync(connection, transaction, runId, steps, cancellationToken);
        await using (var update = new NpgsqlCommand("""
            WITH run AS (
                UPDATE automation.automation_runs SET status = @status, error = @error, variables = @variables, checkpoint = NULL, finished_at = now()
                WHERE id = @id AND status IN ('queued', 'running') RETURNING automation)
            UPDATE automation.automations a
            SET run_counts = jsonb_set(a.run_counts, ARRAY[@status], to_jsonb(COALESCE((a.run_counts ->> @status)::bigint, 0) + 1))
            FROM run WHERE a.id = run.automation
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", runId);
            update.Parameters.AddWithValue("status", status);
            update.Parameters.Add(new NpgsqlParameter<string?>("error", error) { NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(Json("variables", variables));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var prune = new NpgsqlCommand("""
            DELETE FROM automation.automation_runs WHERE automation = @automation AND status NOT IN ('queued', 'running') AND seq <= (
                SELECT seq FROM automation.automation_runs WHERE automation = @automation AND status NOT IN ('queued', 'running')
                ORDER BY seq DESC OFFSET @keep LIMIT 1)
            """, connection, transaction))
        {
            prune.Parameters.AddWithValue("automation", automationId);
            prune.Parameters.AddWithValue("keep", keep);
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Runs cut short by a stop or crash, oldest first: they resume (running) or start in order (queued).</summary>
    public async Task<List<LiveRun>> LiveRunsAsync(Guid automationId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT id, version, status, trigger::text, variables::text, checkpoint::text, catch_up, started_at
            FROM automation.automation_runs WHERE automation = @automation AND status IN ('queued', 'running') ORDER BY seq
            """);
        command.Parameters.AddWithValue("automation", automationId);
        var runs = new List<LiveRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new LiveRun(reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), Object(reader.GetString(3)), Object(reader.GetString(4)),
                reader.IsDBNull(5) ? null : Object(reader.GetString(5)), reader.GetBoolean(6), reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return runs;
    }

    /// <summary>Automations with a live run or a pending trigger wait: activated at start so that they resume.</summary>
    public async Task<List<Guid>> AutomationsToResumeAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT automation FROM automation.automation_runs WHERE status IN ('queued', 'running')
            UNION SELECT automation FROM automation.automation_trigger_waits
            """);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    public async Task<Page<RunSummary>> ListAsync(Guid automationId, PageRequest<Guid> page, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT {RunColumns} FROM automation.automation_runs
            WHERE automation = @automation AND (@before::uuid IS NULL OR id < @before) ORDER BY id DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("automation", automationId);
        command.Parameters.Add(new NpgsqlParameter<Guid?>("before", page.Before) { NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.AddWithValue("limit", page.Limit + 1);
        var rows = new List<RunSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadRun(reader));
        }

        return Paging.Cut(rows, page.Limit, r => r.Id.ToString());
    }

    public async Task<RunTrace?> GetAsync(Guid automationId, Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        RunSummary run;
        JsonObject variables;
        await using (var command = new NpgsqlCommand($"SELECT {RunColumns}, variables::text FROM automation.automation_runs WHERE id = @id AND automation = @automation", connection))
        {
            command.Parameters.AddWithValue("id", runId);
            command.Parameters.AddWithValue("automation", automationId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            run = ReadRun(reader);
            variables = Object(reader.GetString(9));
        }

        var steps = new List<TraceStep>();
        await using (var command = new NpgsqlCommand(
            "SELECT seq, path, iteration, kind, started_at, finished_at, result::text, error FROM automation.automation_run_steps WHERE run = @id ORDER BY seq", connection))
        {
            command.Parameters.AddWithValue("id", runId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                steps.Add(new TraceStep(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : JsonNode.Parse(reader.GetString(6)),
                    reader.IsDBNull(7) ? null : reader.GetString(7)));
            }
        }

        return new RunTrace(run, variables, steps);
    }

    public async Task SaveWaitAsync(Guid automationId, TriggerWait wait, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO automation.automation_trigger_waits (automation, trigger_index, entity_id, due_at, trigger)
            VALUES (@automation, @index, @entity, @due, @trigger)
            ON CONFLICT (automation, trigger_index, entity_id) DO UPDATE SET due_at = excluded.due_at, trigger = excluded.trigger
            """);
        command.Parameters.AddWithValue("automation", automationId);
        command.Parameters.AddWithValue("index", wait.TriggerIndex);
        command.Parameters.AddWithValue("entity", wait.EntityId);
        command.Parameters.AddWithValue("due", wait.DueAt);
        command.Parameters.Add(Json("trigger", wait.Trigger));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteWaitAsync(Guid automationId, int triggerIndex, string entityId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM automation.automation_trigger_waits WHERE automation = @automation AND trigger_index = @index AND entity_id = @entity");
        command.Parameters.AddWithValue("automation", automationId);
        command.Parameters.AddWithValue("index", triggerIndex);
        command.Parameters.AddWithValue("entity", entityId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteWaitsAsync(Guid automationId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM automation.automation_trigger_waits WHERE automation = @automation");
        command.Parameters.AddWithValue("automation", automationId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<List<TriggerWait>> WaitsAsync(Guid automationId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT trigger_index, entity_id, due_at, trigger::text FROM automation.automation_trigger_waits WHERE automation = @automation");
        command.Parameters.AddWithValue("automation", automationId);
        var waits = new List<TriggerWait>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            waits.Add(new TriggerWait(reader.GetInt32(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), Object(reader.GetString(3))));
        }

        return waits;
    }

    /// <summary>The last second the time triggers were checked for (null before the first).</summary>
    public async Task<DateTimeOffset?> LastTickAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT ticked_at FROM automation.automation_clock WHERE id = 1");
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime ticked ? new DateTimeOffset(ticked, TimeSpan.Zero) : null;
    }

    public async Task TickAsync(DateTimeOffset tick, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO automation.automation_clock (id, ticked_at) VALUES (1, @tick) ON CONFLICT (id) DO UPDATE SET ticked_at = excluded.ticked_at");
        command.Parameters.AddWithValue("tick", tick);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private const string RunColumns = "id, automation, version, status, trigger::text, catch_up, started_at, finished_at, error";

    private static RunSummary ReadRun(NpgsqlDataReader reader) => new(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2), reader.GetString(3),
        Object(reader.GetString(4)), reader.GetBoolean(5), reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
        reader.IsDBNull(8) ? null : reader.GetString(8));

    private static async Task InsertStepsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId, IReadOnlyList<TraceStep> steps, CancellationToken cancellationToken)
    {
        if (steps.Count == 0)
        {
            return;
        }

        await using var insert = new NpgsqlCommand("""
            INSERT INTO automation.automation_run_steps (run, seq, path, iteration, kind, started_at, finished_at, result, error)
            SELECT @run, s.seq, s.path, s.iteration, s.kind, s.started_at, s.finished_at, s.result::jsonb, s.error
            FROM unnest(@seq, @path, @iteration, @kind, @started, @finished, @result, @error) AS s(seq, path, iteration, kind, started_at, finished_at, result, error)
            ON CONFLICT (run, seq) DO NOTHING
            """, connection, transaction);
        insert.Parameters.AddWithValue("run", runId);
        insert.Parameters.AddWithValue("seq", steps.Select(s => s.Seq).ToArray());
        insert.Parameters.AddWithValue("path", steps.Select(s => s.Path).ToArray());
        insert.Parameters.AddWithValue("iteration", steps.Select(s => s.Iteration).ToArray());
        insert.Parameters.AddWithValue("kind", steps.Select(s => s.Kind).ToArray());
        insert.Parameters.Add(new NpgsqlParameter("started", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = steps.Select(s => s.StartedAt).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("finished", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = steps.Select(s => s.FinishedAt).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("result", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = steps.Select(s => s.Result?.ToJsonString()).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = steps.Select(s => s.Error).ToArray() });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter<string> Json(string name, JsonNode value) => new NpgsqlParameter<string>(name, value.ToJsonString()) { NpgsqlDbType = NpgsqlDbType.Jsonb };

    private static JsonObject Object(string text) => JsonNode.Parse(text) as JsonObject ?? [];
}
