import { NavLink, Outlet } from "react-router";
import { RequireSession } from "@/features/auth/components/require-session";
import { SignOutButton } from "@/features/auth/components/sign-out-button";

/** The signed-in frame: a skip link, the banner with navigation and Sign out, and the page in <main>. */
export function AppShell() {
  return (
    <RequireSession>
      {(user) => (
        <div className="shell">
          <a href="#main" className="skip-link">
            Skip to content
          </a>
          <header className="banner">
            <span className="brand">Jarvis</span>
            <nav aria-label="Main">
              <NavLink to="/chat">Chat</NavLink>
              <NavLink to="/devices">Devices</NavLink>
              <NavLink to="/automations">Automations</NavLink>
              <NavLink to="/status">Status</NavLink>
              {user.role === "admin" && (
                <>
                  <NavLink to="/admin/users">Users</NavLink>
                  <NavLink to="/admin/audit">Audit log</NavLink>
                  <NavLink to="/admin/plugins">Plugins</NavLink>
                </>
              )}
            </nav>
            <span className="who-am-i">{user.username}</span>
            <SignOutButton />
          </header>
          <main id="main" tabIndex={-1}>
            <Outlet />
          </main>
        </div>
      )}
    </RequireSession>
  );
}
