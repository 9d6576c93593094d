/** How a Client takes the server's notifications: list changes, log messages, resource updates, listen acknowledgements. */
import type {
  ClientConnection,
  LoggingMessageNotificationParams,
  SubscriptionFilter,
} from '@mcpwire/core/runtime';
import type { ClientOptions } from './client-options.js';
import type { ListenSubscription } from './subscription.js';
import type { ToolCatalog } from './tool-catalog.js';

/** Installs, once per client, the handlers that pass the server's notifications to the `options` callbacks. */
export function installNotificationHandlers(
  connection: ClientConnection,
  options: ClientOptions,
  catalog: ToolCatalog,
  listeners: readonly ListenSubscription[],
): void {
  const { onLog, onListChanged, onResourceUpdated } = options;
  connection.setNotificationHandler('notifications/tools/list_changed', () => {
    catalog.invalidate();
    onListChanged?.('tools');
  });
  connection.setNotificationHandler('notifications/resources/list_changed', () =>
    onListChanged?.('resources'),
  );
  connection.setNotificationHandler('notifications/prompts/list_changed', () => onListChanged?.('prompts'));
  connection.setNotificationHandler('notifications/message', (params) =>
    onLog?.(params as LoggingMessageNotificationParams),
  );
  connection.setNotificationHandler('notifications/resources/updated', (params) =>
    onResourceUpdated?.(params.uri),
  );
  connection.setNotificationHandler('notifications/subscriptions/acknowledged', (params) => {
    // Acknowledgments come in the order the listens were sent (each is the first message of its stream).
    const pending = listeners.find((listener) => !listener.isAcknowledged);
    pending?.onAcknowledged(params.notifications as SubscriptionFilter);
  });
}
