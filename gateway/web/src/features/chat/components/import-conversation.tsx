import { useRef } from "react";
import { useNavigate } from "react-router";
import { ErrorNotice } from "@/components/error-notice";
import { useImportConversation } from "../api/transfer";

/** Imports a JSON export as a new conversation; importing the same file again opens the one made the first time. */
export function ImportConversation() {
  const importing = useImportConversation();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="import">
      <label htmlFor="import-file">Import a conversation (JSON export)</label>
      <input
        id="import-file"
        ref={input}
        type="file"
        accept="application/json,.json"
        disabled={importing.isPending}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file !== undefined) {
            importing.mutate(file, {
              onSuccess: (conversation) => void navigate(`/chat/${conversation.id}`),
              onSettled: () => {
                if (input.current !== null) {
                  input.current.value = "";
                }
              },
            });
          }
        }}
      />
      <ErrorNotice error={importing.error} />
    </div>
  );
}
