import { useNavigate } from "react-router";
import { useSignOut } from "../api/sign-out";

export function SignOutButton() {
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <button type="button" onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate("/sign-in", { replace: true }) })}>
      Sign out
    </button>
  );
}
