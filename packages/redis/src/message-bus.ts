/**
 * The message bus on Redis pub/sub (the MessageBus of @mcpwire/transports): strings published on named
 * channels reach every listener, in every process, subscribed at that moment; one subscriber connection
 * per process carries every channel (RedisLink.subscribe). At most once, as the interface says.
 */

import type { BusListener, BusSubscription, MessageBus } from '@mcpwire/transports/http';
import type { RedisLink } from './link.js';

export class RedisMessageBus implements MessageBus {
  /** Created by {@link redisStore}, which shares one connection among its stores. */
  constructor(private readonly link: RedisLink) {}

  /** Publishes a message on a channel (Redis PUBLISH). */
  async publish(channel: string, message: string): Promise<void> {
    await this.link.publish(`bus:${channel}`, message);
  }

  /** Subscribes a listener to a channel; resolves once Redis confirmed the subscription. */
  async subscribe(channel: string, listener: BusListener): Promise<BusSubscription> {
    const remove = await this.link.subscribe(`bus:${channel}`, listener);
    return { unsubscribe: remove };
  }
}
