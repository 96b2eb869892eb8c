import { useState, type SyntheticEvent } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { useCreateUser, useUpdateUser, useUsers } from "../api/users";
import { passwordSchema, roleSchema, usernameSchema, type Role, type UserAccount } from "../api/schemas";

export function UsersPage() {
  const users = useUsers();
  const items = users.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div>
      <h1>Users</h1>
      <CreateUserForm />
      <ErrorNotice error={users.error} />
      <table>
        <caption className="visually-hidden">Users</caption>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">New password</th>
          </tr>
        </thead>
        <tbody>
          {items.map((u) => (
            <UserRow key={u.id} user={u} />
          ))}
        </tbody>
      </table>
      {users.hasNextPage && (
        <button type="button" onClick={() => void users.fetchNextPage()} disabled={users.isFetchingNextPage}>
          More users
        </button>
      )}
    </div>
  );
}

function CreateUserForm() {
  const create = useCreateUser();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("user");
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({});
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    const u = usernameSchema.safeParse(username);
    const p = passwordSchema.safeParse(password);
    const next = { username: u.success ? undefined : u.error.issues[0]?.message, password: p.success ? undefined : p.error.issues[0]?.message };
    setErrors(next);
    if (u.success && p.success) {
      create.mutate(
        { username, password, role },
        {
          onSuccess: () => {
            setUsername("");
            setPassword("");
          },
        },
      );
    }
  };
  return (
    <form onSubmit={submit} className="card form-grid" aria-label="New user">
      <h2>New user</h2>
      <label htmlFor="new-username">New username</label>
      <div className="field">
        <input id="new-username" value={username} onChange={(e) => setUsername(e.target.value)} aria-invalid={errors.username !== undefined} aria-describedby="new-username-error" />
        <span id="new-username-error" className="notice-error">
          {errors.username}
        </span>
      </div>
      <label htmlFor="new-password">New user's password</label>
      <div className="field">
        <input id="new-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={errors.password !== undefined} aria-describedby="new-password-error" />
        <span id="new-password-error" className="notice-error">
          {errors.password}
        </span>
      </div>
      <label htmlFor="new-role">Role</label>
      <select id="new-role" value={role} onChange={(e) => setRole(roleSchema.parse(e.target.value))}>
        <option value="user">user</option>
        <option value="admin">admin</option>
      </select>
      <span />
      <button type="submit" className="primary" disabled={create.isPending}>
        Create user
      </button>
      <ErrorNotice error={create.error} />
    </form>
  );
}

function UserRow({ user }: { user: UserAccount }) {
  const update = useUpdateUser();
  const [password, setPassword] = useState("");
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const setNewPassword = (e: SyntheticEvent) => {
    e.preventDefault();
    const p = passwordSchema.safeParse(password);
    if (!p.success) {
      setPasswordError(p.error.issues[0]?.message ?? "Not a valid password.");
      return;
    }
    setPasswordError(null);
    update.mutate({ id: user.id, change: { password } }, { onSuccess: () => setPassword("") });
  };
  return (
    <tr>
      <th scope="row">{user.username}</th>
      <td>
        <select aria-label={`Role of ${user.username}`} value={user.role} onChange={(e) => update.mutate({ id: user.id, change: { role: roleSchema.parse(e.target.value) } })}>
          <option value="user">user</option>
          <option value="admin">admin</option>
        </select>
      </td>
      <td>
        <span className={user.disabled ? "notice-error" : undefined}>{user.disabled ? "Disabled" : "Enabled"}</span>{" "}
        <button
          type="button"
          aria-label={user.disabled ? `Enable ${user.username}` : `Disable ${user.username}`}
          onClick={() => update.mutate({ id: user.id, change: { disabled: !user.disabled } })}
        >
          {user.disabled ? "Enable" : "Disable"}
        </button>
      </td>
      <td>
        <form onSubmit={setNewPassword} className="row">
          <input type="password" autoComplete="new-password" aria-label={`New password for ${user.username}`} value={password} onChange={(e) => setPassword(e.target.value)} />
          <button type="submit">Set password</button>
          {passwordError !== null && <span className="notice-error">{passwordError}</span>}
        </form>
        <ErrorNotice error={update.error} />
      </td>
    </tr>
  );
}
