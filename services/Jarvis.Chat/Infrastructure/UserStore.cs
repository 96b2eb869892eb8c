using Jarvis.Chat.Model;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using NpgsqlTypes;

namespace Jarvis.Chat.Infrastructure;

/// <summary>People who can sign in. Every change is audited in its own transaction.</summary>
public sealed class UserStore(NpgsqlDataSource db, AuditLog audit, SessionRevocations revocations, IPasswordHasher<UserAccount> hasher)
{
    private const string Columns = "id, username, role, disabled, created_at, updated_at";

    private const string ListFirstSql = $"SELECT {Columns} FROM chat.users ORDER BY seq DESC LIMIT @take";

    private const string ListAfterSql = $"SELECT {Columns} FROM chat.users WHERE seq < (SELECT seq FROM chat.users WHERE id = @before) ORDER BY seq DESC LIMIT @take";

    public async Task<Page<UserAccount>> ListAsync(PageRequest<Guid> page, CancellationToken cancellationToken)
    {
        var items = await PageQuery.ReadAsync(db, page.Before is null ? ListFirstSql : ListAfterSql, parameters =>
        {
            if (page.Before is { } before)
            {
                parameters.AddWithValue("before", before);
            }

            parameters.AddWithValue("take", page.Limit + 1);
        }, Read, cancellationToken);
        return Paging.Cut(items, page.Limit, u => u.Id.ToString());
    }

    /// <summary>Null when the username is taken (in any letter case).</summary>
    public async Task<UserAccount?> CreateAsync(string username, string password, string role, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var user = await InsertAsync(connection, transaction, username, password, role, cancellationToken);
        if (user is null)
        {
            return null;
        }

        await audit.WriteAsync(connection, transaction, actor, AuditActions.UserCreated, "user", user.Id.ToString(),
            new { username = user.Username, role = user.Role }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    /// <summary>
    /// Applies the change; when it voids the person's sessions, the revocation reaches Redis
    /// before the commit, and a Redis failure rolls everything back.
    /// </summary>
    /// <exception cref="SessionRevocationException">Redis did not take the revocation; nothing changed.</exception>
    public async Task<UserUpdateResult> UpdateAsync(Guid id, UpdateUserRequest change, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Lock the enabled admins first, so two admins demoting each other cannot leave none.
        var admins = new List<Guid>();
        await using (var lockAdmins = new NpgsqlCommand(
            "SELECT id FROM chat.users WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE", connection, transaction))
        await using (var reader = await lockAdmins.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                admins.Add(reader.GetGuid(0));
            }
        }

        UserAccount? current;
        await using (var select = new NpgsqlCommand($"SELECT {Columns} FROM chat.users WHERE id = @id FOR UPDATE", connection, transaction))
        {
            select.Parameters.AddWithValue("id", id);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            current = await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
        }

        if (current is null)
        {
            return new UserUpdateResult(UserUpdateStatus.NotFound);
        }

        var losesAdmin = admins.Contains(id) && (change.Disabled is true || change.Role is UserRoles.User);
        if (losesAdmin && admins.Count == 1)
        {
            return new UserUpdateResult(UserUpdateStatus.LastAdmin);
        }

        UserAccount updated;
        await using (var update = new NpgsqlCommand($"""
            UPDATE chat.users
            SET disabled = COALESCE(@disabled, disabled),
                role = COALESCE(@role, role),
                password_hash = COALESCE(@hash, password_hash),
                updated_at = now()
            WHERE id = @id
            RETURNING {Columns}
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", id);
            update.Parameters.Add(new NpgsqlParameter<bool?>("disabled", change.Disabled) { NpgsqlDbType = NpgsqlDbType.Boolean });
            update.Parameters.Add(new NpgsqlParameter<string?>("role", change.Role) { NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new NpgsqlParameter<string?>("hash", change.Password is null ? null : hasher.HashPassword(current, change.Password))
            {
                NpgsqlDbType = NpgsqlDbType.Text,
            });
            await using var reader = await update.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            updated = Read(reader);
        }

        var passwordChanged = change.Password is not null;
        await audit.WriteAsync(connection, transaction, actor, AuditActions.UserUpdated, "user", id.ToString(), new
        {
            username = updated.Username,
            disabled = change.Disabled is null ? (bool?)null : updated.Disabled,
            role = change.Role is null ? null : updated.Role,
            previousRole = change.Role is null ? null : current.Role,
            passwordChanged,
        }, cancellationToken);

        var voidsSessions = passwordChanged || (change.Disabled is true && !current.Disabled) || updated.Role != current.Role;
        if (voidsSessions)
        {
            await revocations.RevokeAsync(id);
        }

        await transaction.CommitAsync(cancellationToken);
        if (voidsSessions)
        {
            await revocations.ConfirmAfterCommitAsync(id);
        }

        return new UserUpdateResult(UserUpdateStatus.Updated, updated);
    }

    /// <summary>The account and its password hash, matched without regard to case.</summary>
    public async Task<(UserAccount User, string PasswordHash)?> FindForLoginAsync(string username, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"SELECT {Columns}, password_hash FROM chat.users WHERE lower(username) = lower(@username)");
        command.Parameters.AddWithValue("username", username);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (Read(reader), reader.GetString(6)) : null;
    }

    /// <summary>After a successful check with an outdated hash format or iteration count.</summary>
    public async Task RehashAsync(UserAccount user, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var command = db.CreateCommand("UPDATE chat.users SET password_hash = @hash WHERE id = @id");
        command.Parameters.AddWithValue("id", user.Id);
        command.Parameters.AddWithValue("hash", hasher.HashPassword(user, password));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Creates <c>admin</c> when there is no user at all; false when someone exists already.</summary>
    public async Task<bool> CreateFirstAdminAsync(NpgsqlConnection connection, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var any = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM chat.users)", connection, transaction))
        {
            if (await any.ExecuteScalarAsync(cancellationToken) is true)
            {
                return false;
            }
        }

        var admin = await InsertAsync(connection, transaction, "admin", password, UserRoles.Admin, cancellationToken);
        if (admin is null)
        {
            return false;
        }

        await audit.WriteAsync(connection, transaction, new AuditActor(null, "system", null), AuditActions.UserCreated, "user",
            admin.Id.ToString(), new { username = admin.Username, role = admin.Role, firstAdmin = true }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<UserAccount?> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string username, string password, string role, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var draft = new UserAccount(id, username, role, false, default, default);
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO chat.users (id, username, password_hash, role) VALUES (@id, @username, @hash, @role)
            ON CONFLICT ((lower(username))) DO NOTHING
            RETURNING {Columns}
            """, connection, transaction);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("username", username);
        insert.Parameters.AddWithValue("hash", hasher.HashPassword(draft, password));
        insert.Parameters.AddWithValue("role", role);
        await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static UserAccount Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetBoolean(3),
        reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetFieldValue<DateTimeOffset>(5));
}
