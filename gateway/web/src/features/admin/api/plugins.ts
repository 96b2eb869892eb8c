import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { apiPath } from "@/lib/api-path";
import type { PluginId } from "@/lib/ids";
import { invokeReplySchema, pluginListSchema, pluginSchema } from "./schemas";

const pluginsKey = ["admin", "plugins"] as const;

export function usePlugins() {
  return useQuery({
    queryKey: pluginsKey,
    queryFn: async ({ signal }) => (await api.get("/api/plugins", pluginListSchema, signal)).plugins,
  });
}

export type PluginAction = "enable" | "disable" | "reload";

export function usePluginAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: PluginId; action: PluginAction }) => {
      const path = action === "enable" ? apiPath`/api/plugins/${id}/enable` : action === "disable" ? apiPath`/api/plugins/${id}/disable` : apiPath`/api/plugins/${id}/reload`;
      return api.post(path, {}, pluginSchema);
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: pluginsKey }),
  });
}

export function useInvokeHook() {
  return useMutation({
    mutationFn: ({ id, hook, args }: { id: PluginId; hook: string; args: Record<string, unknown> }) =>
      api.post(apiPath`/api/plugins/${id}/invoke`, { hook, args }, invokeReplySchema),
  });
}
