import { errorMessage } from "@/lib/problem";

/** An error shown to the person, announced by screen readers. */
export function ErrorNotice({ error }: { error: unknown }) {
  if (error === null || error === undefined) {
    return null;
  }
  return (
    <p role="alert" className="notice notice-error">
      {errorMessage(error)}
    </p>
  );
}
